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

/**
 * A replay URL template (`rtsp://user:pass@{host}/…?starttime={start}`) without its
 * credentials: they are kept like a stream URL's (encrypted with the camera), never in the
 * template, its API answer or the audit log. Templates are not URLs (placeholders), so the
 * user part is cut by pattern.
 */
export function splitTemplateCredentials(template: string) {
  const match = template.match(/^(rtsps?:\/\/)([^/@\s]*)@(.*)$/i)
  if (!match) return { template, username: null, password: null }
  const [user, ...rest] = match[2].split(':')
  const decode = (v: string) => {
    try {
      return decodeURIComponent(v)
    } catch {
      return v
    }
  }
  return {
    template: `${match[1]}${match[3]}`,
    username: user ? decode(user) : null,
    password: rest.length ? decode(rest.join(':')) : null,
  }
}
