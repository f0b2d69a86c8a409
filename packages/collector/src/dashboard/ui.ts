// Everything a view needs to speak the reader's language: messages, formats and the labels of names.
import { createFormat, type Format } from './format.js';
import { translator, type Translate } from './i18n.js';
import { channelLabel, deviceLabel, stageLabel, touchpointLabel } from './labels.js';
import type { Lang } from './lang.js';

/** The words and formats of one language. */
export interface Ui {
  lang: Lang;
  t: Translate;
  fmt: Format;
  /** a touchpoint's human name (custom names as given) */
  touchpoint(name: string): string;
  channel(channel: string): string;
  device(device: string): string;
  stage(stage: string): string;
}

/** The {@link Ui} of `lang`. */
export function createUi(lang: Lang): Ui {
  return {
    lang,
    t: translator(lang),
    fmt: createFormat(lang),
    touchpoint: (name) => touchpointLabel(name, lang),
    channel: (channel) => channelLabel(channel, lang),
    device: (device) => deviceLabel(device, lang),
    stage: (stage) => stageLabel(stage, lang),
  };
}
