// Looking up a message in the chosen language and filling in its values.
import type { Lang } from './lang.js';
import { EN, ES, type MessageKey } from './messages.js';

const TABLES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { en: EN, es: ES };

/**
 * A translator: a message key and its values → the words in one language. With `count`, the singular
 * form (`key_one`) is used when the language's plural rules call `count` "one".
 */
export type Translate = (key: MessageKey, values?: Readonly<Record<string, string | number>>, count?: number) => string;

/**
 * The translator for `lang`: `{name}` in the message is replaced by `values.name` (left as is when not given).
 * @example translator('es')('visitorsN', { n: 5 }, 5) // '5 visitantes'
 */
export function translator(lang: Lang): Translate {
  const table = TABLES[lang];
  const plural = new Intl.PluralRules(lang);
  return (key, values, count) => {
    const one = `${key}_one`;
    const message = count !== undefined && plural.select(count) === 'one' && isMessageKey(one) ? table[one] : table[key];
    return fill(message, values);
  };
}

function fill(message: string, values: Readonly<Record<string, string | number>> | undefined): string {
  return message.replace(/\{(\w+)\}/g, (all, name: string) => (values && name in values ? String(values[name]) : all));
}

/** Whether `key` is a message (for codes from the data, such as a problem's). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(EN, key);
}
