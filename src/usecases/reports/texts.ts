// Texts the report cycle writes into Jira for the agency's people (review tasks, notifications,
// escalations), in the agency's language. Client-facing texts live with the report documents.
import type { Language } from '../../domain/model';

export interface ReportIssueTexts {
  reviewSummary(clientName: string, from: string, to: string): string;
  reviewBody(title: string, reportId: string): string;
  publishedSubject(title: string): string;
  publishedBody(title: string): string;
  feedbackSubject(rating: number, title: string): string;
  feedbackBody(rating: number, comment: string): string;
  escalationSummary(rating: number, title: string): string;
  escalationBody(rating: number, reportId: string): string;
}

const withComment = (text: string, comment: string): string => (comment ? `${text}\n\n${comment}` : text);

const TEXTS: Record<Language, ReportIssueTexts> = {
  en: {
    reviewSummary: (c, f, t) => `Review and send report: ${c} · ${f} – ${t}`,
    reviewBody: (title, id) => `Check the draft "${title}" in the client's Confluence space, write the analysis and proposals, then publish it from the Retainer project page. Report id: ${id}.`,
    publishedSubject: (title) => `Report published: ${title}`,
    publishedBody: (title) => `The report "${title}" is now visible to the client in Confluence, with its PDF.`,
    feedbackSubject: (r, title) => `Client feedback ${r}/5: ${title}`,
    feedbackBody: (r, c) => withComment(`The client rated the report ${r} of 5.`, c),
    escalationSummary: (r, title) => `Escalation: client rated a report ${r}/5 · ${title}`,
    escalationBody: (r, id) => `Rating ${r} of 5 for report ${id}. Talk to the client and agree on the next steps.`,
  },
  uk: {
    reviewSummary: (c, f, t) => `Перевірити й надіслати звіт: ${c} · ${f} – ${t}`,
    reviewBody: (title, id) => `Перегляньте чернетку «${title}» у просторі клієнта в Confluence, напишіть аналіз і пропозиції, потім опублікуйте її зі сторінки проєкту Retainer. Ідентифікатор звіту: ${id}.`,
    publishedSubject: (title) => `Звіт опубліковано: ${title}`,
    publishedBody: (title) => `Звіт «${title}» тепер бачить клієнт у Confluence, разом із PDF.`,
    feedbackSubject: (r, title) => `Відгук клієнта ${r}/5: ${title}`,
    feedbackBody: (r, c) => withComment(`Клієнт оцінив звіт на ${r} з 5.`, c),
    escalationSummary: (r, title) => `Ескалація: клієнт оцінив звіт на ${r}/5 · ${title}`,
    escalationBody: (r, id) => `Оцінка ${r} з 5 для звіту ${id}. Зв'яжіться з клієнтом і домовтеся про наступні кроки.`,
  },
  ru: {
    reviewSummary: (c, f, t) => `Проверить и отправить отчёт: ${c} · ${f} – ${t}`,
    reviewBody: (title, id) => `Просмотрите черновик «${title}» в пространстве клиента в Confluence, напишите анализ и предложения, затем опубликуйте его со страницы проекта Retainer. Идентификатор отчёта: ${id}.`,
    publishedSubject: (title) => `Отчёт опубликован: ${title}`,
    publishedBody: (title) => `Отчёт «${title}» теперь виден клиенту в Confluence, вместе с PDF.`,
    feedbackSubject: (r, title) => `Отзыв клиента ${r}/5: ${title}`,
    feedbackBody: (r, c) => withComment(`Клиент оценил отчёт на ${r} из 5.`, c),
    escalationSummary: (r, title) => `Эскалация: клиент оценил отчёт на ${r}/5 · ${title}`,
    escalationBody: (r, id) => `Оценка ${r} из 5 для отчёта ${id}. Свяжитесь с клиентом и договоритесь о следующих шагах.`,
  },
};

export function reportIssueTexts(language: Language): ReportIssueTexts {
  return TEXTS[language] ?? TEXTS.en;
}
