import limiter from '@adonisjs/limiter/services/main'
import { errors as authErrors } from '@adonisjs/auth'
import User from '#models/user'

/** Too many failed attempts for this email from this address. */
export class LoginThrottledError extends Error {
  code = 'E_TOO_MANY_REQUESTS'
  constructor(public retryAfterSeconds: number) {
    super('too many login attempts')
  }
}

/** Wrong email or password, or a disabled account (the caller cannot tell which). */
export class InvalidLoginError extends Error {
  code = 'E_INVALID_CREDENTIALS'
}

/**
 * Checks an email and password for the login form and the token endpoint alike.
 * Five failed tries per email + IP within 15 minutes block that pair for 15 minutes.
 * A disabled account fails like a wrong password and counts as a failed try.
 */
export default class VerifyLogin {
  static async handle(params: { email: string; password: string; ip: string }) {
    const email = params.email.trim().toLowerCase()
    const loginLimiter = limiter.use({ requests: 5, duration: '15 mins', blockDuration: '15 mins' })
    const key = `login:${email}:${params.ip}`

    try {
      const [throttled, user] = await loginLimiter.penalize(key, async () => {
        const found = await User.verifyCredentials(email, params.password)
        if (found.isDisabled) throw new authErrors.E_INVALID_CREDENTIALS('disabled')
        return found
      })
      if (throttled) throw new LoginThrottledError(throttled.response.availableIn)
      return user
    } catch (error) {
      if (error instanceof authErrors.E_INVALID_CREDENTIALS) throw new InvalidLoginError()
      throw error
    }
  }
}
