// One person's touchpoints in time order — from every linked browser and the server side — with stage,
// channel, device and how each felt. Asked for by a user id or an anonymous id.
import { el } from '../dom.js';
import type { Timeline, TimelineEntry } from '../reports.js';
import type { Ui } from '../ui.js';
import { defineView } from '../view.js';

let person: { kind: 'user' | 'anonymous'; id: string } | null = null;

function entry(e: TimelineEntry, ui: Ui): HTMLElement {
  const { fmt } = ui;
  const campaign = e.campaign ? [e.campaign.source, e.campaign.medium, e.campaign.campaign].filter(Boolean).join(' / ') : '';
  return el('li', { class: 'moment', 'data-touchpoint': e.name },
    el('span', { class: 'when muted' }, fmt.dateTime(e.ts)), ' ',
    el('span', { class: `chip ${e.valence}` }, ui.t(e.valence)), ' ',
    el('strong', {}, ui.touchpoint(e.name)),
    el('span', { class: 'muted' }, ' · ', [e.phase ? ui.stage(e.phase) : null, ui.channel(e.channel), e.device ? ui.device(e.device) : null].filter(Boolean).join(' · ')),
    campaign ? el('span', { class: 'muted' }, ' · ', campaign) : null,
    e.path ? el('code', { class: 'fix-path' }, e.path) : null);
}

/** The person's timeline view (`GET /api/people/timeline`); shown once a person is asked for. */
export const timelineView = defineView<Timeline>({
  id: 'timeline',
  title: 'timeline',
  keepOn404: true,
  url: (q, filters) => (filters.site && person ? `/api/people/timeline?site=${encodeURIComponent(filters.site)}&${person.kind}=${encodeURIComponent(person.id)}${q.get('from') ? `&from=${q.get('from')}` : ''}${q.get('to') ? `&to=${q.get('to')}` : ''}` : null),
  needs: 'timelineAsk',
  controls(env) {
    const { t } = env.ui;
    if (!env.filters.site) return [];
    const kind = el('select', { id: 'person-kind' }, el('option', { value: 'user' }, t('userId')), el('option', { value: 'anonymous' }, t('anonymousId')));
    const input = el('input', { id: 'person-id', type: 'search', required: true, maxlength: 200, 'aria-label': t('personId') });
    if (person) {
      kind.value = person.kind;
      input.value = person.id;
    }
    const form = el('form', { class: 'controls', id: 'person-form' }, kind, input, el('button', { type: 'submit' }, t('show')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      person = { kind: kind.value === 'anonymous' ? 'anonymous' : 'user', id: input.value.trim() };
      if (person.id) env.reload();
    });
    return [form];
  },
  render(timeline, { ui }) {
    const { t } = ui;
    if (!timeline.touchpoints.length) return el('p', { class: 'empty' }, t('timelineEmpty'));
    return el('div', {},
      el('ol', { class: 'timeline', id: 'timeline-list' }, ...timeline.touchpoints.map((e) => entry(e, ui))),
      timeline.truncated ? el('p', { class: 'note' }, t('timelineTruncated')) : null);
  },
});
