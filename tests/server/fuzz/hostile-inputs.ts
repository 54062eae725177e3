import fc from 'fast-check'

/** Strings attackers and broken clients send: injections, traversal, odd unicode, huge values. */
/** Every known-bad value, tried deterministically in every field before the random phase. */
export const HOSTILE_CONSTANTS = [
  "' OR 1=1 --",
  '"; DROP TABLE customers; --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '\u0000',
  '\uFEFF',
  '\u202E',
  '𠮷'.repeat(80),
  '🙂'.repeat(60),
  '__proto__',
  'constructor',
  'prototype',
  '{{7*7}}',
  '${7*7}',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '0x1F',
  ' ',
  '',
]

export const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_CONSTANTS) },
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: 3000, maxLength: 6000 }),
)

const hostileValue = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
)

function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
}

/** A request body as raw text: schema-shaped with hostile values, random JSON, or malformed/abusive JSON. */
export function hostileBody(keys: string[]) {
  const shaped = fc.dictionary(keys.length ? fc.constantFrom(...keys) : fc.string({ maxLength: 8 }), hostileValue, {
    maxKeys: Math.max(1, keys.length),
  })
  return fc.oneof(
    { weight: 4, arbitrary: shaped.map((o) => JSON.stringify(o)) },
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.constantFrom(
      nested(500),
      '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}}',
      `{"${keys[0] ?? 'a'}":1,"${keys[0] ?? 'a'}":"dup"}`,
      '{"a":',
      '[]',
      'null',
      '"string"',
      '{}',
      '',
    ),
  )
}
