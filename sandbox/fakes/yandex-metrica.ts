// Fake Yandex Metrica stat/v1/data: `Authorization: OAuth <token>` (not Bearer), JSON doubles,
// 1-based offset paging, sampling (`sampled`, `sample_share`, extrapolated values) for long ranges
// without accuracy=full and for huge counters, documented error envelope, 429 quota.
import { analyticsDay, CHANNELS } from './data';
import { bearer, json, type FakeResponse, type FakeService } from './server';

const ATTRIBUTIONS = new Set(['last', 'lastsign', 'first', 'automatic', 'last_yandex_direct_click']);
const NAMES: Record<string, { en: string; ru: string }> = {
  organic: { en: 'Search engine traffic', ru: 'Переходы из поисковых систем' },
  direct: { en: 'Direct traffic', ru: 'Прямые заходы' },
  ad: { en: 'Ad traffic', ru: 'Переходы по рекламе' },
  referral: { en: 'Link traffic', ru: 'Переходы по ссылкам на сайтах' },
  social: { en: 'Social network traffic', ru: 'Переходы из социальных сетей' },
  email: { en: 'Mailing traffic', ru: 'Переходы из почтовых рассылок' },
  recommend: { en: 'Recommendation system traffic', ru: 'Переходы из рекомендательных систем' },
};

function err(status: number, type: string, message: string): FakeResponse {
  return json(status, { errors: [{ error_type: type, message }], code: status, message }, {}, 'stat/v1/data');
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export const yandexMetricaFake: FakeService = {
  service: 'yandex-metrica',
  hosts: ['api-metrika.yandex.net'],
  handle(req, { state, seed }) {
    if (req.path !== '/stat/v1/data' || req.method !== 'GET') return err(404, 'not_found', 'Entity not found');
    const token = bearer(req, 'OAuth');
    const verdict = state.verdict(token);
    if (verdict !== 'ok') return err(401, 'unauthorized', verdict === 'missing' ? 'Authorization header with OAuth token is required' : 'Invalid oauth_token');
    const q = req.query;
    const ids = q.get('ids');
    const metricsParam = q.get('metrics');
    if (!ids) return err(400, 'missing_parameter', 'Required parameter ids is missing');
    if (!metricsParam) return err(400, 'missing_parameter', 'Required parameter metrics is missing');
    const metrics = metricsParam.split(',');
    if (metrics.length > 20) return err(400, 'invalid_parameter', 'Too many metrics: 20 maximum');
    const prefixes = new Set(metrics.map((m) => m.slice(0, m.indexOf(':', 3) + 1)));
    if (prefixes.size > 1) return err(400, 'query_error', 'Metrics and dimensions of different namespaces (ym:s: and ym:pv:) cannot be mixed');
    const account = state.account('yandex-metrica', ids);
    for (const m of metrics) {
      const goal = /^ym:s:goal(\d+)reaches$/.exec(m);
      if (goal && !account.goalIds.includes(goal[1] ?? '')) return err(400, 'invalid_parameter', `Goal ${goal[1]} does not exist on counter ${ids}`);
      if (!goal && m !== 'ym:s:visits' && m !== 'ym:s:users') return err(400, 'invalid_parameter', `Unknown metric ${m}`);
    }
    const dims = (q.get('dimensions') ?? '').split(',').filter(Boolean);
    let sourceDim = false;
    for (const d of dims) {
      const t = /^ym:s:(\w+)TrafficSource$/.exec(d);
      if (t && ATTRIBUTIONS.has(t[1] ?? '')) sourceDim = true;
      else if (d !== 'ym:s:date') return err(400, 'invalid_parameter', `Unknown dimension ${d}`);
    }
    const today = state.today(account.timeZone);
    const date1 = q.get('date1') ?? addDays(today, -6);
    const date2 = q.get('date2') ?? today;
    const limit = Math.min(Number(q.get('limit') ?? 100) || 100, 100_000);
    const offset = Math.max(1, Number(q.get('offset') ?? 1) || 1);
    const filter = /TrafficSource=='(\w+)'/.exec(q.get('filters') ?? '')?.[1];
    const lang = q.get('lang') === 'ru' ? 'ru' : 'en';
    const days = Math.round((Date.parse(`${date2}T00:00:00Z`) - Date.parse(`${date1}T00:00:00Z`)) / 86_400_000) + 1;
    const accuracy = q.get('accuracy') ?? 'medium';
    const exact = accuracy === 'full' || accuracy === '1';
    const sampled = (days > 92 && !exact) || account.scale >= 20; // huge counters stay sampled even with full
    const share = sampled ? 0.1 : 1;
    const ext = (v: number): number => (sampled ? Math.round(v * share) / share : v);

    const all: Array<{ dimensions: Array<Record<string, string>>; metrics: number[] }> = [];
    for (let d = date1; d <= date2; d = addDays(d, 1)) {
      const day = analyticsDay(seed, account, d);
      const groups = sourceDim ? day : day.length > 0 ? [null] : [];
      for (const g of groups) {
        if (g && filter && g.channel.metrica !== filter) continue;
        const parts = g ? [g] : day;
        const sessions = parts.reduce((a, p) => a + p.sessions, 0);
        const users = parts.reduce((a, p) => a + p.users, 0);
        const values = metrics.map((m) => {
          if (m === 'ym:s:visits') return ext(sessions);
          if (m === 'ym:s:users') return ext(users);
          const id = /^ym:s:goal(\d+)reaches$/.exec(m)?.[1] ?? '';
          return ext(parts.reduce((a, p) => a + (p.goals[id] ?? 0), 0));
        });
        const dimensions: Array<Record<string, string>> = [{ name: d }];
        if (g) {
          const names = NAMES[g.channel.metrica] ?? { en: g.channel.metrica, ru: g.channel.metrica };
          dimensions.push({ id: g.channel.metrica, name: names[lang], icon_id: String(CHANNELS.indexOf(g.channel)), icon_type: 'traffic-source' });
        }
        all.push({ dimensions: dims[0] === 'ym:s:date' ? dimensions : dimensions.reverse(), metrics: values });
      }
    }
    const page = all.slice(offset - 1, offset - 1 + limit);
    const totals = metrics.map((_, i) => all.reduce((a, r) => a + (r.metrics[i] ?? 0), 0));
    return json(200, {
      query: { ids: [Number(ids)], dimensions: dims, metrics, sort: [q.get('sort') ?? `-${metrics[0]}`], date1, date2, limit, offset, timezone: '+03:00' },
      data: page,
      total_rows: all.length,
      total_rows_rounded: false,
      sampled,
      sampleable: true,
      contains_sensitive_data: false,
      sample_share: share,
      sample_size: Math.round(totals[0] ?? 0),
      sample_space: Math.round((totals[0] ?? 0) / share),
      data_lag: 0,
      totals,
    }, {}, 'stat/v1/data');
  },
  fault(f) {
    if (f.kind === 'rate-limit') return err(429, 'quota', 'Quota exceeded for quantity of parallel user requests');
    return err(f.status === 503 ? 503 : 500, 'backend_error', 'Backend error, please try again later');
  },
  quota(scope) {
    return scope === 'short-term'
      ? err(429, 'quota', 'Quota exceeded for quantity of parallel user requests')
      : err(429, 'quota', 'Quota exceeded for the number of API requests per day (5000)');
  },
};
