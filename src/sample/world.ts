// The fixed cast of the simulated company: inside-sales reps with their habits, account
// executives, the companies leads come from, the content catalogue and each month's campaigns.
import { contentId, ID_PREFIX, IdMint } from "./ids.ts";
import {
  COMPANY_SIZE_WEIGHTS,
  COMPANY_SIZES,
  companyName,
  INDUSTRIES,
  INDUSTRY_WEIGHTS,
  type CompanySize,
  type Industry,
} from "./names.ts";
import { type Rng, Weighted } from "./random.ts";
import { DAY, HOUR, monthKey, monthOfYear, monthStartDay, weekday, type Sec, type WorkCalendar } from "./time.ts";

// ---------------------------------------------------------------- people

/** How quickly a rep makes the first call after a handoff. */
export type Habit = "fast" | "average" | "slow" | "neglect";

export interface Owner {
  name: string;
  habit: Habit;
  /** Share of calls that reach a person (通電). */
  connect: number;
  /** Relative skill at turning a conversation into an opportunity. */
  skill: number;
  /** Relative share of MQL routing. */
  weight: number;
  /** Industries routed to this rep more often. */
  affinity: readonly Industry[];
}

export const OWNERS: readonly Owner[] = [
  { name: "佐藤 健", habit: "fast", connect: 0.42, skill: 1.05, weight: 0.33, affinity: [] },
  { name: "鈴木 美咲", habit: "fast", connect: 0.44, skill: 1.15, weight: 0.12, affinity: ["金融・保険"] },
  { name: "高橋 大輔", habit: "average", connect: 0.4, skill: 1.0, weight: 0.11, affinity: ["製造業"] },
  { name: "田中 陽子", habit: "average", connect: 0.38, skill: 0.95, weight: 0.1, affinity: ["医療・福祉"] },
  { name: "伊藤 翔太", habit: "slow", connect: 0.36, skill: 0.85, weight: 0.1, affinity: ["建設・不動産"] },
  { name: "渡辺 彩", habit: "average", connect: 0.41, skill: 1.0, weight: 0.09, affinity: ["小売・流通"] },
  { name: "山本 拓也", habit: "neglect", connect: 0.35, skill: 0.9, weight: 0.09, affinity: [] },
  { name: "中村 真由美", habit: "average", connect: 0.45, skill: 1.1, weight: 0.09, affinity: ["官公庁・教育", "IT・通信"] },
];

/** Account executives: they hold the meetings and own the deals. */
export const ACCOUNT_EXECUTIVES = ["小林 誠", "加藤 由紀", "吉田 隆", "山口 恵"] as const;
const AE_BY_INDUSTRY: Record<Industry, number> = {
  製造業: 0,
  "IT・通信": 1,
  "金融・保険": 2,
  "小売・流通": 3,
  "医療・福祉": 2,
  "建設・不動産": 0,
  "官公庁・教育": 3,
};

export function accountExecutive(rng: Rng, industry: Industry | undefined): string {
  if (industry === undefined || rng.chance(0.3)) return rng.pick(ACCOUNT_EXECUTIVES);
  return ACCOUNT_EXECUTIVES[AE_BY_INDUSTRY[industry]]!;
}

// ---------------------------------------------------------------- companies

export interface Company {
  accountId: string;
  name: string;
  typed: string;
  domain: string;
  industry: Industry;
  size: CompanySize;
  target: boolean;
}

export interface Companies {
  list: Company[];
  pick: Weighted<Company>;
}

export function makeCompanies(rng: Rng, count: number): Companies {
  const ids = new IdMint(ID_PREFIX.account, "5g", 7_654_321);
  const used = new Set<string>();
  const industry = new Weighted(INDUSTRIES, INDUSTRY_WEIGHTS);
  const size = new Weighted(COMPANY_SIZES, COMPANY_SIZE_WEIGHTS);
  const list: Company[] = [];
  const popularity: number[] = [];
  for (let i = 0; i < count; i++) {
    const ind = industry.draw(rng);
    const sz = ind === "官公庁・教育" ? rng.pick(["50-299", "300-999", "1000+"] as const) : size.draw(rng);
    const name = companyName(rng, ind, used);
    // Target accounts are the larger companies more often.
    const target = rng.chance(sz === "1000+" ? 0.16 : sz === "300-999" ? 0.08 : sz === "50-299" ? 0.035 : 0.01);
    list.push({ accountId: ids.next(), ...name, industry: ind, size: sz, target });
    // Some companies send many people (a long tail of one-lead companies).
    popularity.push(rng.lognormal(1, 0.9) * (sz === "1000+" ? 2 : sz === "300-999" ? 1.4 : 1));
  }
  return { list, pick: new Weighted(list, popularity) };
}

// ---------------------------------------------------------------- content

export type ContentType = "blog" | "whitepaper" | "webinar" | "case_study" | "video";
export type JourneyStage = "awareness" | "consideration" | "decision";

export interface SimContent {
  id: string;
  title: string;
  type: ContentType;
  url: string;
  publishedAt: Sec;
  stage: JourneyStage;
  /** Pull on leads and touches (the few hits have far more). */
  pull: number;
}

const TOPICS = [
  "インサイドセールス",
  "マーケティングオートメーション",
  "ABM",
  "リードナーチャリング",
  "営業DX",
  "SFA活用",
  "ウェビナー集客",
  "展示会フォロー",
  "コンテンツマーケティング",
  "カスタマーサクセス",
  "リードスコアリング",
  "営業とマーケティングの連携",
  "商談管理",
  "データドリブン営業",
  "ホワイトペーパー制作",
  "SEO",
  "名刺管理",
  "MQL設計",
];

const TITLES: Record<ContentType, readonly string[]> = {
  blog: [
    "{t}とは？基本と始め方をわかりやすく解説",
    "{t}で成果が出ない5つの理由",
    "{t}のKPI設計ガイド",
    "【{y}年版】{t}ツール比較のポイント",
    "{t}を内製化するための体制づくり",
    "{t}の失敗事例から学ぶ改善策",
    "担当者が知っておきたい{t}の用語集",
  ],
  whitepaper: [
    "{t}完全ガイド",
    "{t}実践チェックリスト",
    "{t}の費用対効果を可視化する方法",
    "はじめての{t} 導入ハンドブック",
    "{t}成熟度診断シート",
  ],
  webinar: ["【ウェビナー】{t}最前線", "{t}で商談数を伸ばす方法 ウェビナー", "【オンラインセミナー】{t}の始め方"],
  case_study: ["導入事例：{c}様 {t}で商談化率が向上", "導入事例：{c}様 {t}の立ち上げを3か月で実現", "導入事例：{c}様 {t}で受注単価が向上"],
  video: ["3分でわかる{t}", "{t} デモ動画", "{t} 活用セミナー ダイジェスト"],
};
const CASE_COMPANIES = [
  "北斗精機",
  "青葉システムズ",
  "昭栄商事",
  "港南ハウジング",
  "若葉メディカル",
  "明和証券",
  "双葉物流",
  "玉川工業",
  "楓クラウド",
];
const STAGE_OF: Record<ContentType, Weighted<JourneyStage>> = {
  blog: new Weighted<JourneyStage>(["awareness", "consideration"], [8, 2]),
  whitepaper: new Weighted<JourneyStage>(["awareness", "consideration", "decision"], [2, 7, 1]),
  webinar: new Weighted<JourneyStage>(["awareness", "consideration"], [3, 7]),
  case_study: new Weighted<JourneyStage>(["consideration", "decision"], [2, 8]),
  video: new Weighted<JourneyStage>(["awareness", "consideration", "decision"], [5, 4, 1]),
};
const NON_WEBINAR_TYPES = new Weighted<ContentType>(["blog", "whitepaper", "case_study", "video"], [50, 22, 15, 13]);
const URL_BASE = "https://www.sample-cloud.example";
const URL_PATH: Record<ContentType, string> = {
  blog: "blog",
  whitepaper: "resources/whitepaper",
  webinar: "webinar",
  case_study: "case",
  video: "video",
};

export class ContentCatalog {
  readonly list: SimContent[] = [];
  private readonly usedTitles = new Set<string>();
  private counter = 0;

  add(rng: Rng, type: ContentType, publishedAt: Sec, opts: { title?: string; pull?: number; stage?: JourneyStage } = {}): SimContent {
    const n = ++this.counter;
    const title = opts.title ?? this.title(rng, type, publishedAt);
    const item: SimContent = {
      id: contentId(n),
      title,
      type,
      url: `${URL_BASE}/${URL_PATH[type]}/${String(n).padStart(4, "0")}`,
      publishedAt,
      stage: opts.stage ?? STAGE_OF[type].draw(rng),
      pull: opts.pull ?? rng.lognormal(1, 0.35),
    };
    this.list.push(item);
    return item;
  }

  private title(rng: Rng, type: ContentType, at: Sec): string {
    const year = new Date(at * 1000).getUTCFullYear();
    for (let attempt = 0; ; attempt++) {
      const t = rng
        .pick(TITLES[type])
        .replace("{t}", rng.pick(TOPICS))
        .replace("{y}", String(year))
        .replace("{c}", rng.pick(CASE_COMPANIES));
      const title = attempt < 30 ? t : `${t}（${attempt}）`;
      if (!this.usedTitles.has(title)) {
        this.usedTitles.add(title);
        return title;
      }
    }
  }

  /** Everything published at or before `t`. */
  publishedBy(t: Sec): SimContent[] {
    return this.list.filter((c) => c.publishedAt <= t);
  }
}

/**
 * The back catalogue (published before the simulation starts), the hits, and the assets
 * published each month. Webinar assets come with their campaigns (see makeCampaigns).
 */
export function seedContent(
  rng: Rng,
  catalog: ContentCatalog,
  cal: WorkCalendar,
  firstMi: number,
  lastMi: number,
  rangeStartMi: number,
): void {
  const start = monthStartDay(firstMi);
  const backCatalogue = 26;
  for (let i = 0; i < backCatalogue; i++) {
    const day = cal.onOrAfter(start - rng.int(30, 720));
    const type = NON_WEBINAR_TYPES.draw(rng);
    if (i === 3) {
      catalog.add(rng, "case_study", day * DAY + 10 * HOUR, {
        title: "導入事例①：㈱サンプル製作所 インサイドセールス立ち上げで商談化率1.8倍",
        pull: 9,
        stage: "decision",
      });
    } else if (i === 9) {
      catalog.add(rng, "whitepaper", day * DAY + 10 * HOUR, {
        title: "BtoBマーケティングKPI設計完全ガイド【2025年版】",
        pull: 8,
        stage: "consideration",
      });
    } else {
      catalog.add(rng, type, day * DAY + 10 * HOUR);
    }
  }
  for (let mi = firstMi; mi <= lastMi; mi++) {
    const mrng = rng.fork(`content/${monthKey(mi)}`);
    const n = mrng.int(2, 5);
    const first = monthStartDay(mi);
    const days = monthStartDay(mi + 1) - first;
    for (let i = 0; i < n; i++) {
      const day = cal.onOrAfter(first + mrng.int(0, days - 4));
      const at = day * DAY + mrng.int(9, 16) * HOUR;
      if (mi === rangeStartMi + 4 && i === 0) {
        catalog.add(mrng, "blog", at, { title: "インサイドセールスとは？役割・KPI・立ち上げ手順を徹底解説", pull: 8, stage: "awareness" });
      } else if (mi === rangeStartMi + 9 && i === 0) {
        catalog.add(mrng, "video", at, { title: "3分でわかる営業DXクラウド", pull: 7, stage: "consideration" });
      } else {
        catalog.add(mrng, NON_WEBINAR_TYPES.draw(mrng), at);
      }
    }
  }
}

// ---------------------------------------------------------------- campaigns

export type CampaignChannel = "webinar" | "event" | "ads" | "email";

export interface SimCampaign {
  id: string;
  name: string;
  channel: CampaignChannel;
  type: string;
  cost: number;
  startDay: number;
  endDay: number;
  /** Event or webinar day (or send day), when there is one. */
  mainDay: number;
  /** Relative pull on leads within its channel that month. */
  pull: number;
  /** Webinar asset (registration page / recording). */
  asset?: SimContent;
}

const EXPOS = [
  "営業・マーケティングDX EXPO",
  "BtoBマーケティング WEEK",
  "ものづくりDXフェア",
  "金融ITソリューション展",
  "SaaS営業カンファレンス",
];
const ADS: readonly { name: string; type: string; share: number; cost: [number, number] }[] = [
  { name: "Google 検索広告", type: "リスティング広告", share: 0.55, cost: [1_200_000, 2_400_000] },
  { name: "Meta リード獲得広告", type: "SNS広告", share: 0.25, cost: [400_000, 900_000] },
  { name: "LinkedIn 広告", type: "SNS広告", share: 0.2, cost: [500_000, 1_100_000] },
];

function roundYen(n: number, to = 10_000): number {
  return Math.round(n / to) * to;
}

function jaMonth(mi: number): string {
  return `${Math.floor(mi / 12)}年${monthOfYear(mi)}月`;
}

/** A weekday (Tue-Thu preferred) business day near `day`. */
function eventDay(cal: WorkCalendar, day: number): number {
  let d = cal.onOrAfter(day);
  while (weekday(d) === 1 || weekday(d) === 5 || !cal.isBusinessDay(d)) d++;
  return d;
}

export function makeCampaigns(rng: Rng, cal: WorkCalendar, catalog: ContentCatalog, firstMi: number, lastMi: number): SimCampaign[] {
  const ids = new IdMint(ID_PREFIX.campaign, "5g", 1_234_567);
  const out: SimCampaign[] = [];
  for (let mi = firstMi; mi <= lastMi; mi++) {
    const r = rng.fork(`campaigns/${monthKey(mi)}`);
    const moy = monthOfYear(mi);
    const first = monthStartDay(mi);
    const last = monthStartDay(mi + 1) - 1;
    const label = jaMonth(mi);
    // Webinars: one or two a month (one in the quiet months).
    const webinars = moy === 8 || moy === 12 || moy === 1 ? 1 : r.int(1, 2);
    for (let i = 0; i < webinars; i++) {
      const day = eventDay(cal, first + (webinars === 1 ? r.int(12, 22) : i === 0 ? r.int(7, 13) : r.int(17, 24)));
      const startDay = day - 21;
      const asset = catalog.add(r, "webinar", startDay * DAY + 11 * HOUR);
      out.push({
        id: "",
        name: `${label} ウェビナー「${asset.title.replace(/^【[^】]*】/, "").replace(/ ウェビナー$/, "")}」`,
        channel: "webinar",
        type: "ウェビナー",
        cost: roundYen(r.uniform(180_000, 650_000)),
        startDay,
        endDay: day,
        mainDay: day,
        pull: r.lognormal(1, 0.3),
        asset,
      });
    }
    // Events: the big expos in June and October, smaller seminars in other months.
    const expos = moy === 6 || moy === 10 ? 2 : 0;
    for (let i = 0; i < expos; i++) {
      const day = eventDay(cal, first + (i === 0 ? r.int(8, 12) : r.int(18, 22)));
      const expo = EXPOS[(mi + i * 3) % EXPOS.length]!;
      const season = moy === 6 ? "夏" : "秋";
      out.push({
        id: "",
        name: `${expo} ${Math.floor(mi / 12)} ${season} 出展`,
        channel: "event",
        type: "展示会",
        cost: roundYen(r.uniform(3_500_000, 7_500_000), 100_000),
        startDay: day - 45,
        endDay: day + 2,
        mainDay: day + 2,
        pull: r.uniform(1.5, 2.5),
      });
    }
    const seminars = moy === 8 || moy === 1 ? 0 : moy === 6 || moy === 10 ? r.int(0, 1) : r.int(0, 2);
    for (let i = 0; i < seminars; i++) {
      const day = eventDay(cal, first + r.int(5, 24));
      const partner = r.chance(0.4);
      out.push({
        id: "",
        name: partner ? `${label} パートナー共催セミナー（大阪）` : `${label} 自社セミナー（東京）`,
        channel: "event",
        type: partner ? "共催セミナー" : "自社セミナー",
        cost: roundYen(r.uniform(250_000, 900_000)),
        startDay: day - 30,
        endDay: day,
        mainDay: day,
        pull: r.uniform(0.3, 0.6),
      });
    }
    // Ads: always on, LinkedIn in most months.
    for (const ad of ADS) {
      if (ad.name.startsWith("LinkedIn") && r.chance(0.15)) continue;
      const boost = moy === 3 ? 1.3 : moy === 8 || moy === 12 ? 0.8 : 1;
      out.push({
        id: "",
        name: `${ad.name} ${label}`,
        channel: "ads",
        type: ad.type,
        cost: roundYen(r.uniform(ad.cost[0], ad.cost[1]) * boost),
        startDay: first,
        endDay: last,
        mainDay: first,
        pull: ad.share,
      });
    }
    // E-mail: the monthly newsletter and, some months, a re-engagement send.
    const newsletterDay = eventDay(cal, first + r.int(8, 14));
    out.push({
      id: "",
      name: `メールマガジン ${label}号`,
      channel: "email",
      type: "メールマガジン",
      cost: roundYen(r.uniform(40_000, 90_000)),
      startDay: newsletterDay,
      endDay: newsletterDay,
      mainDay: newsletterDay,
      pull: 1,
    });
    if (r.chance(0.7)) {
      out.push({
        id: "",
        name: `資料ダウンロードサイト掲載 ${label}`,
        channel: "ads",
        type: "資料掲載",
        cost: roundYen(r.uniform(300_000, 600_000)),
        startDay: first,
        endDay: last,
        mainDay: first,
        pull: 0.25,
      });
    }
    if (r.chance(0.6)) {
      const day = eventDay(cal, first + r.int(16, 24));
      out.push({
        id: "",
        name: `休眠リード掘り起こしメール ${label}`,
        channel: "email",
        type: "ナーチャリングメール",
        cost: roundYen(r.uniform(30_000, 60_000)),
        startDay: day,
        endDay: day,
        mainDay: day,
        pull: 0.5,
      });
    }
  }
  out.sort((a, b) => a.startDay - b.startDay || a.name.localeCompare(b.name));
  for (const c of out) c.id = ids.next();
  return out;
}

/** Expected leads created in a month at scale 1, before noise: Japanese fiscal-year seasonality and growth. */
const LEAD_SEASON = [0.88, 1.0, 1.12, 0.96, 0.93, 1.14, 1.0, 0.85, 1.0, 1.15, 1.03, 0.86];
export function plannedLeads(mi: number, rangeStartMi: number): number {
  const growth = 1 + 0.01 * Math.max(-12, Math.min(50, mi - rangeStartMi));
  return 1000 * LEAD_SEASON[monthOfYear(mi) - 1]! * growth;
}

/** Expected sessions in a month at scale 1, before noise. */
const WEB_SEASON = [0.9, 1.0, 1.1, 0.97, 0.93, 1.1, 1.0, 0.85, 1.0, 1.1, 1.04, 0.88];
export function plannedSessions(mi: number, rangeStartMi: number): number {
  const growth = 1 + 0.011 * Math.max(-12, Math.min(50, mi - rangeStartMi));
  return 41_000 * WEB_SEASON[monthOfYear(mi) - 1]! * growth;
}

export function lastDayOf(mi: number): number {
  return monthStartDay(mi + 1) - 1;
}
