import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
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
 * The login limits, checked before a password is and counted on each failure:
 * - one email from one address: 5 failures in 15 min block that pair for 15 min;
 * - one email from any addresses: 20 failures in an hour block the email for 30 min
 *   (a password guessed from many machines);
 * - one address against any emails: 30 failures in 15 min block the address for 15 min
 *   (one password tried against many accounts).
 * The address is the client's as the trusted proxies report it (TRUSTED_PROXIES).
 */
function loginLimits(email: string, ip: string) {
  return [
    {
      limit: limiter.use({ requests: 5, duration: '15 mins', blockDuration: '15 mins' }),
      key: `login:${email}:${ip}`,
    },
    {
      limit: limiter.use({ requests: 20, duration: '1 hour', blockDuration: '30 mins' }),
      key: `login_account:${email}`,
    },
    {
      limit: limiter.use({ requests: 30, duration: '15 mins', blockDuration: '15 mins' }),
      key: `login_address:${ip}`,
    },
  ]
}

/**
 * Checks an email and password for the login form and the token endpoint alike, within
 * the limits above. A disabled account fails like a wrong password and counts as a failure.
 */
export default class VerifyLogin {
  static async handle(params: { email: string; password: string; ip: string }) {
    const email = params.email.trim().toLowerCase()
    const limits = loginLimits(email, params.ip)
    for (const { limit, key } of limits) {
      if ((await limit.isBlocked(key)) || (await limit.remaining(key)) <= 0) {
        throw new LoginThrottledError(Math.max(1, await limit.availableIn(key)))
      }
    }
    try {
      const user = await User.verifyCredentials(email, params.password)
      if (user.isDisabled) throw new authErrors.E_INVALID_CREDENTIALS('disabled')
      await limits[0].limit.delete(limits[0].key)
      return user
    } catch (error) {
      if (!(error instanceof authErrors.E_INVALID_CREDENTIALS)) throw error
      for (const { limit, key } of limits) {
        try {
          await limit.consume(key)
        } catch (exceeded) {
          if (!(exceeded instanceof limiterErrors.E_TOO_MANY_REQUESTS)) throw exceeded
        }
      }
      throw new InvalidLoginError()
    }
  }
}
