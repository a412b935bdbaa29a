import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { ROLES } from '#services/roles'

/** Scripted set-up: `node ace users:create --email E --password P --role R --name N`. */
export default class UsersCreate extends BaseCommand {
  static commandName = 'users:create'
  static description = 'Tạo tài khoản người dùng / Create a user account'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Email', required: true })
  declare email: string

  @flags.string({
    description: 'Mật khẩu / password (>= 10 ký tự); bỏ trống để tạo mật khẩu dùng một lần',
  })
  declare password?: string

  @flags.string({ description: `Vai trò / role: ${ROLES.join(', ')}`, required: true })
  declare role: string

  @flags.string({ description: 'Họ tên / full name', required: true })
  declare name: string

  async run() {
    const { createUserValidator } = await import('#validators/user')
    const { default: CreateUser } = await import('#actions/users/create_user')
    const { systemActor } = await import('#services/audit')
    const { errors } = await import('@vinejs/vine')
    const { default: i18nManager } = await import('@adonisjs/i18n/services/main')

    try {
      const payload = await createUserValidator.validate(
        {
          fullName: this.name,
          email: this.email,
          role: this.role,
          password: this.password,
        },
        { messagesProvider: i18nManager.locale('vi').createMessagesProvider() }
      )
      const { user, oneTimePassword } = await CreateUser.handle({
        ...payload,
        actor: systemActor('node ace users:create'),
      })
      this.logger.success(`Đã tạo ${user.email} (${user.role}) / created`)
      if (oneTimePassword)
        this.logger.info(`Mật khẩu dùng một lần / one-time password: ${oneTimePassword}`)
    } catch (error) {
      if (error instanceof errors.E_VALIDATION_ERROR) {
        for (const message of error.messages)
          this.logger.error(`${message.field}: ${message.message}`)
        this.exitCode = 1
        return
      }
      throw error
    }
  }
}
