import { randomInt } from 'node:crypto'

// No 0/O, 1/l/I: the password is read off a screen and typed on a phone.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A random one-time password, shown once; the user must change it at first login. */
export function generateOneTimePassword(length = 14): string {
  let out = ''
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)]
  return out
}
