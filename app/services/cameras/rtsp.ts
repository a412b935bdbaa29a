/**
 * Camera passwords never travel inside URLs we store, show or log. These helpers split
 * credentials out of a typed URL, put them back only for ffmpeg, and mask any
 * `scheme://user:pass@` that might still appear in a message.
 */

const USERINFO = /([a-z][a-z0-9+.-]*:\/\/)([^/@\s]*)@/gi

/** `rtsp://admin:secret@10.0.0.5/ch1` -> `rtsp://***@10.0.0.5/ch1`, anywhere in a text. */
export function maskCredentials(text: string): string {
  return text.replace(USERINFO, '$1***@')
}

/** A typed stream URL without its user:password, and the credentials it carried. */
export function splitCredentials(url: string): {
  url: string
  username: string | null
  password: string | null
} {
  try {
    const parsed = new URL(url)
    const username = parsed.username ? decodeURIComponent(parsed.username) : null
    const password = parsed.password ? decodeURIComponent(parsed.password) : null
    parsed.username = ''
    parsed.password = ''
    return { url: parsed.toString(), username, password }
  } catch {
    return { url: maskCredentials(url), username: null, password: null }
  }
}

/** The URL ffmpeg opens: the stored URL with the decrypted credentials put back. */
export function withCredentials(url: string, username: string | null, password: string | null) {
  if (!username) return url
  const parsed = new URL(url)
  parsed.username = encodeURIComponent(username)
  if (password) parsed.password = encodeURIComponent(password)
  return parsed.toString()
}
