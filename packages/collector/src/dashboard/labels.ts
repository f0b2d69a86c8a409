// Human words for the names the data carries: built-in touchpoints (@touchpoint/schema's TOUCHPOINT and
// the collector's off-site names, pipeline/offsite-touchpoints.ts), channels and journey stages. A custom
// touchpoint name is shown as the site gave it; devices are labelled too. labels.test.ts fails when a built-in name has no label.
import type { Lang } from './lang.js';

type Words = Readonly<Record<Lang, string>>;

/** Labels of the built-in touchpoint names. */
export const TOUCHPOINT_LABELS: Readonly<Record<string, Words>> = {
  page_view: { en: 'Page view', es: 'Visita a una página' },
  ad_landing: { en: 'Ad landing', es: 'Llegada desde un anuncio' },
  sign_up: { en: 'Sign-up', es: 'Registro' },
  begin_checkout: { en: 'Checkout started', es: 'Inicio del pago' },
  add_shipping_info: { en: 'Shipping details', es: 'Datos de envío' },
  add_payment_info: { en: 'Payment details', es: 'Datos de pago' },
  checkout_step: { en: 'Checkout step', es: 'Paso del pago' },
  purchase: { en: 'Purchase', es: 'Compra' },
  support_open: { en: 'Help chat opened', es: 'Chat de ayuda abierto' },
  feedback: { en: 'Rating', es: 'Valoración' },
  identify: { en: 'Identified', es: 'Identificación' },
  web_vitals: { en: 'Page speed', es: 'Velocidad de la página' },
  invoice_sent: { en: 'Invoice sent', es: 'Factura enviada' },
  payment_failed: { en: 'Payment failed', es: 'Pago fallido' },
  refund_issued: { en: 'Refund issued', es: 'Reembolso emitido' },
  subscription_renewed: { en: 'Subscription renewed', es: 'Suscripción renovada' },
  order_shipped: { en: 'Order shipped', es: 'Pedido enviado' },
  order_delivered: { en: 'Order delivered', es: 'Pedido entregado' },
  delivery_failed: { en: 'Delivery failed', es: 'Entrega fallida' },
  support_ticket_opened: { en: 'Support ticket opened', es: 'Incidencia abierta' },
  support_ticket_solved: { en: 'Support ticket solved', es: 'Incidencia resuelta' },
  phone_call: { en: 'Phone call', es: 'Llamada telefónica' },
  store_visit: { en: 'Shop visit', es: 'Visita a la tienda' },
};

/** Labels of the channels the collector assigns (store/types.ts `Channel`). */
export const CHANNEL_LABELS: Readonly<Record<string, Words>> = {
  direct: { en: 'Direct', es: 'Directo' },
  organic_search: { en: 'Organic search', es: 'Búsqueda orgánica' },
  paid_search: { en: 'Paid search', es: 'Búsqueda de pago' },
  social: { en: 'Social', es: 'Redes sociales' },
  paid_social: { en: 'Paid social', es: 'Redes sociales de pago' },
  email: { en: 'Email', es: 'Correo electrónico' },
  referral: { en: 'Referral', es: 'Sitios que enlazan' },
  display: { en: 'Display ads', es: 'Anuncios gráficos' },
  affiliate: { en: 'Affiliates', es: 'Afiliados' },
  other: { en: 'Other', es: 'Otros' },
};

/** Labels of the device types (ua-parser-js; `unknown` when not known). */
export const DEVICE_LABELS: Readonly<Record<string, Words>> = {
  desktop: { en: 'Computer', es: 'Ordenador' },
  mobile: { en: 'Phone', es: 'Móvil' },
  tablet: { en: 'Tablet', es: 'Tableta' },
  smarttv: { en: 'Smart TV', es: 'Televisor' },
  console: { en: 'Game console', es: 'Videoconsola' },
  wearable: { en: 'Wearable', es: 'Dispositivo vestible' },
  xr: { en: 'VR headset', es: 'Gafas de realidad virtual' },
  embedded: { en: 'Embedded device', es: 'Dispositivo integrado' },
  unknown: { en: 'Unknown device', es: 'Dispositivo desconocido' },
};

/** Labels of the journey stages of both models (phase and 5P). */
export const STAGE_LABELS: Readonly<Record<string, Words>> = {
  before: { en: 'Before purchase', es: 'Antes de la compra' },
  during: { en: 'During purchase', es: 'Durante la compra' },
  after: { en: 'After purchase', es: 'Después de la compra' },
  pre_touch: { en: 'Pre-touch', es: 'Pre-contacto' },
  first_touch: { en: 'First touch', es: 'Primer contacto' },
  pivotal: { en: 'Pivotal', es: 'Decisivo' },
  prime: { en: 'Prime', es: 'Compra' },
  post: { en: 'Post', es: 'Posventa' },
};

const own = (table: Readonly<Record<string, Words>>, key: string) => (Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined);

/** A touchpoint's human name in `lang`; a custom name as given. */
export function touchpointLabel(name: string, lang: Lang): string {
  return own(TOUCHPOINT_LABELS, name)?.[lang] ?? name;
}

/** A channel's human name in `lang`; an unknown channel as given. */
export function channelLabel(channel: string, lang: Lang): string {
  return own(CHANNEL_LABELS, channel)?.[lang] ?? channel;
}

/** A device type's human name in `lang`; an unknown type as given. */
export function deviceLabel(device: string, lang: Lang): string {
  return own(DEVICE_LABELS, device)?.[lang] ?? device;
}

/** A journey stage's human name in `lang`; an unknown stage as given. */
export function stageLabel(stage: string, lang: Lang): string {
  return own(STAGE_LABELS, stage)?.[lang] ?? stage;
}
