import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const BudgetController = () => import('#controllers/expenses/budget_controller')
const ExpensesController = () => import('#controllers/expenses/expenses_controller')
const WorkflowController = () => import('#controllers/expenses/expense_workflow_controller')
const SupportController = () => import('#controllers/expenses/support_payments_controller')
const AttachmentsController = () => import('#controllers/expenses/expense_attachments_controller')

router
  .group(() => {
    router.get('/budget', [BudgetController, 'index']).as('budget.index')
    router.get('/budget/lines/create', [BudgetController, 'create']).as('budget.create')
    router.post('/budget/lines', [BudgetController, 'store']).as('budget.store')
    router.get('/budget/lines/:id/edit', [BudgetController, 'edit']).as('budget.edit')
    router.put('/budget/lines/:id', [BudgetController, 'update']).as('budget.update')

    router.get('/support-payments', [SupportController, 'index']).as('support.index')
    router.post('/support-payments', [SupportController, 'store']).as('support.store')

    router.get('/expenses', [ExpensesController, 'index']).as('expenses.index')
    router.get('/expenses/create', [ExpensesController, 'create']).as('expenses.create')
    router.post('/expenses', [ExpensesController, 'store']).as('expenses.store')
    router.get('/expenses/:id', [ExpensesController, 'show']).as('expenses.show')
    router.get('/expenses/:id/edit', [ExpensesController, 'edit']).as('expenses.edit')
    router.put('/expenses/:id', [ExpensesController, 'update']).as('expenses.update')
    router.delete('/expenses/:id', [ExpensesController, 'destroy']).as('expenses.destroy')

    for (const step of ['submit', 'approve', 'reject', 'pay', 'reverse', 'allocate'] as const) {
      router.post(`/expenses/:id/${step}`, [WorkflowController, step]).as(`expenses.${step}`)
    }
    router
      .post('/expenses/:id/attachments', [AttachmentsController, 'store'])
      .as('expenses.attachments.store')
      .use(middleware.upload({ limit: '12mb' }))
    router
      .get('/expenses/:id/attachments/:attachmentId', [AttachmentsController, 'show'])
      .where('attachmentId', router.matchers.number())
      .as('expenses.attachments.show')
  })
  .use(middleware.auth())
