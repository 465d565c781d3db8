/** Objects and arrays nested deeper than this are refused: relaying them could overflow a stack. */
export const MAX_JSON_DEPTH = 32;

/** Whether `value` nests objects or arrays more than `limit` levels deep; iterative, so any depth is safe. */
export function nestedDeeperThan(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}
