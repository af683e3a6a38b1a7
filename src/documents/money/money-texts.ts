// Fixed texts of invoices and acts in English, Ukrainian and Russian.
import type { ReportLanguage } from '../report-model';

export type MoneyDocStatus = 'issued' | 'partially-paid' | 'paid' | 'overdue' | 'cancelled';

export interface MoneyTexts {
  invoice: string;
  act: string;
  supplier: string;
  customer: string;
  taxId: string;
  issueDate: string;
  dueDate: string;
  actDate: string;
  period: string;
  service: string;
  colNo: string;
  colDescription: string;
  colQuantity: string;
  colUnitPrice: string;
  colVat: string;
  colNet: string;
  colTotal: string;
  netTotal: string;
  vatAt: string;
  noVat: string;
  total: string;
  paid: string;
  outstanding: string;
  status: Record<MoneyDocStatus, string>;
  paymentDetails: string;
  paymentReference: string;
  paymentsReceived: string;
  cancelledNote: string;
  overdueNote: string;
  paidNote: string;
  downloadPdf: string;
  pageOf: string;
  hoursWorked: string;
  tasksDone: string;
  actStatement: string;
  relatedInvoices: string;
  supplierSignature: string;
  customerSignature: string;
  invoicesPage: string;
  actsPage: string;
  invoicesIntro: string;
  actsIntro: string;
  livePage: string;
  overdueNotice: string;
  statusLabel: string;
}

const EN: MoneyTexts = {
  invoice: 'Invoice',
  act: 'Act of services rendered',
  supplier: 'Supplier',
  customer: 'Customer',
  taxId: 'Tax ID',
  issueDate: 'Issue date',
  dueDate: 'Due date',
  actDate: 'Date',
  period: 'Period',
  service: 'Service',
  colNo: '#',
  colDescription: 'Description',
  colQuantity: 'Qty',
  colUnitPrice: 'Unit price',
  colVat: 'VAT',
  colNet: 'Net',
  colTotal: 'Total',
  netTotal: 'Net total',
  vatAt: 'VAT {rate}%',
  noVat: 'No VAT',
  total: 'Total',
  paid: 'Paid',
  outstanding: 'Outstanding',
  status: { issued: 'Issued', 'partially-paid': 'Partially paid', paid: 'Paid', overdue: 'Overdue', cancelled: 'Cancelled' },
  paymentDetails: 'Payment details',
  paymentReference: 'Please state "{number}" in the payment purpose.',
  paymentsReceived: 'Payments received',
  cancelledNote: 'This invoice was cancelled on {date}. Its number is kept; please do not pay it.',
  overdueNote: 'Payment was due on {date}. Outstanding: {amount}.',
  paidNote: 'Paid in full. Thank you!',
  downloadPdf: 'Download the PDF',
  pageOf: 'Page {n} of {m}',
  hoursWorked: 'Hours worked',
  tasksDone: 'Tasks completed',
  actStatement: 'The services listed above were rendered in full and on time. The customer has no claims as to their scope, quality or timing.',
  relatedInvoices: 'Invoices',
  supplierSignature: 'For the supplier',
  customerSignature: 'For the customer',
  invoicesPage: 'Invoices',
  actsPage: 'Closing documents',
  invoicesIntro: 'Invoices from the agency. Each page is kept up to date with its payment status and has the PDF attached.',
  actsIntro: 'Monthly acts of services rendered, with PDFs.',
  livePage: 'This page is updated automatically when the status changes.',
  overdueNotice: 'Awaiting payment after the due date:',
  statusLabel: 'Status',
};

const UK: MoneyTexts = {
  invoice: 'Рахунок',
  act: 'Акт наданих послуг',
  supplier: 'Виконавець',
  customer: 'Замовник',
  taxId: 'Податковий номер',
  issueDate: 'Дата виставлення',
  dueDate: 'Сплатити до',
  actDate: 'Дата',
  period: 'Період',
  service: 'Послуга',
  colNo: '№',
  colDescription: 'Найменування',
  colQuantity: 'К-сть',
  colUnitPrice: 'Ціна',
  colVat: 'ПДВ',
  colNet: 'Без ПДВ',
  colTotal: 'Разом',
  netTotal: 'Разом без ПДВ',
  vatAt: 'ПДВ {rate}%',
  noVat: 'Без ПДВ',
  total: 'Усього',
  paid: 'Сплачено',
  outstanding: 'До сплати',
  status: { issued: 'Виставлено', 'partially-paid': 'Частково сплачено', paid: 'Сплачено', overdue: 'Прострочено', cancelled: 'Скасовано' },
  paymentDetails: 'Реквізити для оплати',
  paymentReference: 'Вкажіть «{number}» у призначенні платежу.',
  paymentsReceived: 'Отримані платежі',
  cancelledNote: 'Рахунок скасовано {date}. Номер зберігається; сплачувати його не потрібно.',
  overdueNote: 'Термін оплати минув {date}. До сплати: {amount}.',
  paidNote: 'Сплачено повністю. Дякуємо!',
  downloadPdf: 'Завантажити PDF',
  pageOf: 'Сторінка {n} з {m}',
  hoursWorked: 'Відпрацьовано годин',
  tasksDone: 'Виконано задач',
  actStatement: 'Вищезазначені послуги надані повністю і вчасно. Замовник претензій щодо обсягу, якості та строків надання послуг не має.',
  relatedInvoices: 'Рахунки',
  supplierSignature: 'Від виконавця',
  customerSignature: 'Від замовника',
  invoicesPage: 'Рахунки',
  actsPage: 'Закривальні документи',
  invoicesIntro: 'Рахунки агенції. Кожна сторінка показує актуальний статус оплати, PDF додано до сторінки.',
  actsIntro: 'Щомісячні акти наданих послуг у PDF.',
  livePage: 'Сторінка оновлюється автоматично, коли змінюється статус.',
  overdueNotice: 'Очікують оплати після терміну:',
  statusLabel: 'Статус',
};

const RU: MoneyTexts = {
  invoice: 'Счёт',
  act: 'Акт оказанных услуг',
  supplier: 'Исполнитель',
  customer: 'Заказчик',
  taxId: 'ИНН',
  issueDate: 'Дата выставления',
  dueDate: 'Оплатить до',
  actDate: 'Дата',
  period: 'Период',
  service: 'Услуга',
  colNo: '№',
  colDescription: 'Наименование',
  colQuantity: 'Кол-во',
  colUnitPrice: 'Цена',
  colVat: 'НДС',
  colNet: 'Без НДС',
  colTotal: 'Итого',
  netTotal: 'Итого без НДС',
  vatAt: 'НДС {rate}%',
  noVat: 'Без НДС',
  total: 'Всего',
  paid: 'Оплачено',
  outstanding: 'К оплате',
  status: { issued: 'Выставлен', 'partially-paid': 'Частично оплачен', paid: 'Оплачен', overdue: 'Просрочен', cancelled: 'Отменён' },
  paymentDetails: 'Реквизиты для оплаты',
  paymentReference: 'Укажите «{number}» в назначении платежа.',
  paymentsReceived: 'Полученные платежи',
  cancelledNote: 'Счёт отменён {date}. Номер сохраняется; оплачивать его не нужно.',
  overdueNote: 'Срок оплаты истёк {date}. К оплате: {amount}.',
  paidNote: 'Оплачен полностью. Спасибо!',
  downloadPdf: 'Скачать PDF',
  pageOf: 'Страница {n} из {m}',
  hoursWorked: 'Отработано часов',
  tasksDone: 'Выполнено задач',
  actStatement: 'Вышеперечисленные услуги оказаны полностью и в срок. Заказчик претензий по объёму, качеству и срокам оказания услуг не имеет.',
  relatedInvoices: 'Счета',
  supplierSignature: 'От исполнителя',
  customerSignature: 'От заказчика',
  invoicesPage: 'Счета',
  actsPage: 'Закрывающие документы',
  invoicesIntro: 'Счета агентства. Каждая страница показывает актуальный статус оплаты, PDF приложен к странице.',
  actsIntro: 'Ежемесячные акты оказанных услуг в PDF.',
  livePage: 'Страница обновляется автоматически при смене статуса.',
  overdueNotice: 'Ожидают оплаты после срока:',
  statusLabel: 'Статус',
};

const TEXTS: Readonly<Record<ReportLanguage, MoneyTexts>> = { en: EN, uk: UK, ru: RU };

export function moneyTexts(lang: ReportLanguage): MoneyTexts {
  return TEXTS[lang];
}
