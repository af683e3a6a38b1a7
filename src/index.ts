// The only place Forge handlers are exported; manifest.yml refers to these names as index.<name>.
export { resolver } from './resolvers';
export { dailyPlanner, hourlyPlanner } from './jobs/daily-planner.job';
export { jobsWorker } from './jobs/jobs-worker';
export { lifecycle } from './jobs/lifecycle';
export { paymentWebhook } from './webtriggers/payment-webhook';
export { leadIntake } from './webtriggers/lead-intake';
