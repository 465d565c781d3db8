import type { EventName } from '@lit/react';

type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${Pascal<Tail>}` : Capitalize<S>;

/** `seal-state-change` → `onSealStateChange`. */
export type EventProp<S extends string> = `on${Pascal<S>}`;

/** The `events` option of `createComponent`: one typed `onSeal…` prop per event of the element's map. */
export type EventProps<M> = { [K in keyof M & string as EventProp<K>]: EventName<M[K] extends Event ? M[K] : never> };

/**
 * The props for every event of an element. `events` must list each event of its map
 * (`Record<keyof M, true>`), so an event added to an element fails to compile here until it
 * has its prop.
 */
export function eventProps<M>(events: Readonly<Record<keyof M & string, true>>): EventProps<M> {
  return Object.fromEntries(Object.keys(events).map((type) => [eventProp(type), type])) as EventProps<M>;
}

export function eventProp<S extends string>(type: S): EventProp<S> {
  return `on${type.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}` as EventProp<S>;
}
