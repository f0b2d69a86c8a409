import { TOUCHPOINT } from './names.js';

/** The three-phase journey model: before, during and after the purchase. */
export const PHASES = ['before', 'during', 'after'] as const;
/** A purchase phase. */
export type Phase = (typeof PHASES)[number];

/**
 * The 5P model, in journey order: pre-touch (the ad or mention that brings the visitor), first touch
 * (first experience of the site), pivotal (moments that decide: sign-up, checkout), prime (the
 * purchase itself) and post (support, feedback, loyalty).
 */
export const P5_STAGES = ['pre_touch', 'first_touch', 'pivotal', 'prime', 'post'] as const;
/** A 5P stage. */
export type P5Stage = (typeof P5_STAGES)[number];

/** Where a touchpoint sits in both journey models. */
export interface Stage {
  /** before / during / after purchase */
  phase: Phase;
  /** pre_touch / first_touch / pivotal / prime / post */
  p5: P5Stage;
}

/** Default stage of every built-in journey touchpoint. `identify` and `web_vitals` have none. */
export const DEFAULT_STAGES: Readonly<Record<string, Stage>> = {
  [TOUCHPOINT.adLanding]: { phase: 'before', p5: 'pre_touch' },
  [TOUCHPOINT.pageView]: { phase: 'before', p5: 'first_touch' },
  [TOUCHPOINT.signUp]: { phase: 'before', p5: 'pivotal' },
  [TOUCHPOINT.beginCheckout]: { phase: 'during', p5: 'pivotal' },
  [TOUCHPOINT.addShippingInfo]: { phase: 'during', p5: 'pivotal' },
  [TOUCHPOINT.addPaymentInfo]: { phase: 'during', p5: 'pivotal' },
  [TOUCHPOINT.purchase]: { phase: 'during', p5: 'prime' },
  [TOUCHPOINT.supportOpen]: { phase: 'after', p5: 'post' },
  [TOUCHPOINT.feedback]: { phase: 'after', p5: 'post' },
};

/** Per-site overrides: touchpoint name → stage (built-in or custom names). */
/**
 * `DEFAULT_STAGES` in a compact form for the browser SDK: each name followed by the indexes of its
 * phase in `PHASES` and its stage in `P5_STAGES` (`ad_landing00` = before / pre_touch). A test keeps
 * the two equal; add a new built-in touchpoint to both.
 */
export const DEFAULT_STAGE_CODES = 'ad_landing00 page_view01 sign_up02 begin_checkout12 add_shipping_info12 add_payment_info12 purchase13 support_open24 feedback24';

/**
 * The default stage of a touchpoint `name` read from `DEFAULT_STAGE_CODES` (same answer as
 * `DEFAULT_STAGES[name]`, without bundling the object table).
 * @example defaultStage('purchase') // { phase: 'during', p5: 'prime' }
 */
export function defaultStage(name: string): Stage | undefined {
  const d = ` ${DEFAULT_STAGE_CODES}`.split(` ${name}`)[1];
  return d && /^\d\d( |$)/.test(d) ? { phase: PHASES[+d[0]!]!, p5: P5_STAGES[+d[1]!]! } : undefined;
}

export type StageOverrides = Readonly<Record<string, Stage>>;

/**
 * The stage of a touchpoint: the site's override, else the built-in default, else `undefined`
 * (custom touchpoints without an override are outside the journey map).
 */
export function stageOf(name: string, overrides?: StageOverrides): Stage | undefined {
  // Own properties only: `toString` is not a touchpoint with a stage.
  const own = (map: StageOverrides | undefined) => (map && Object.prototype.hasOwnProperty.call(map, name) ? map[name] : undefined);
  return own(overrides) ?? own(DEFAULT_STAGES);
}

/** True when `value` is a well-formed {@link Stage}. */
export function isStage(value: unknown): value is Stage {
  const s = value as Stage;
  return typeof s === 'object' && s !== null
    && (PHASES as readonly string[]).includes(s.phase)
    && (P5_STAGES as readonly string[]).includes(s.p5);
}
