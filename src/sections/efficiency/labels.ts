// The efficiency section's own labels (its metrics' labels are in metrics.ts).
import { type Catalogue, NO_VALUE } from "../../site/labels.ts";
import { MIN_CYCLE_DEALS, type Young } from "./roi.ts";

export const LABELS = {
  spendVsBudget: { en: "Spend against budget", ja: "予算に対する費用" },
  period: { en: "Period", ja: "期間" },
  periodName: (period: "month" | "quarter" | "year", year: number, quarter: number) =>
    period === "month"
      ? { en: "Month", ja: "当月" }
      : period === "quarter"
        ? { en: `FY${year} Q${quarter} to date`, ja: `${year}年度 第${quarter}四半期 累計` }
        : { en: `FY${year} to date`, ja: `${year}年度 累計` },
  actual: { en: "Actual", ja: "実績" },
  budgetToDate: { en: "Budget to date", ja: "予算（経過分）" },
  budgetFull: { en: "Budget, whole period", ja: "予算（期間全体）" },
  variance: { en: "Over (+) / under (−) budget", ja: "予算差（超過 +／未消化 −）" },
  statusWord: (status: "met" | "at_risk" | "missed" | null) =>
    status === "met"
      ? { en: "✓ within budget", ja: "✓ 予算内" }
      : status === "at_risk"
        ? { en: "△ slightly over", ja: "△ やや超過" }
        : status === "missed"
          ? { en: "✕ over budget", ja: "✕ 予算超過" }
          : { en: NO_VALUE, ja: NO_VALUE },
  byChannelSpend: { en: "Spend by channel", ja: "チャネル別の費用" },
  byCategorySpend: { en: "Spend by category", ja: "費目別の費用" },
  byTeamSpend: { en: "Spend by team", ja: "チーム別の費用" },
  name: { en: "Name", ja: "名称" },
  channel: { en: "Channel", ja: "チャネル" },
  category: { en: "Category", ja: "費目" },
  team: { en: "Team", ja: "チーム" },
  teamName: (team: string) => (team === "sales" ? { en: "Sales", ja: "営業" } : { en: "Marketing", ja: "マーケティング" }),
  monthActual: { en: "Month", ja: "当月実績" },
  monthBudget: { en: "Month budget", ja: "当月予算" },
  quarterActual: { en: "Quarter to date", ja: "四半期累計" },
  quarterBudget: { en: "Quarter budget to date", ja: "四半期予算（経過分）" },
  yearActual: { en: "Year to date", ja: "年度累計" },
  yearBudget: { en: "Year budget to date", ja: "年度予算（経過分）" },
  overBudget: { en: "Over budget (year to date)", ja: "予算超過（年度累計）" },
  overChannels: (names: string) => ({ en: `Over budget this fiscal year: ${names}.`, ja: `今年度の予算超過：${names}` }),
  noOver: { en: "Every channel is within its budget this fiscal year.", ja: "今年度、全チャネルが予算内です。" },
  /** No channel is over, but the spend to date of `names` is not provided (every channel's, with `all`). */
  overNotProvided: (names: string, all: boolean) =>
    all
      ? {
          en: `Over budget this fiscal year: not provided, as no channel's spend to date is (${names}).`,
          ja: `今年度の予算超過：どのチャネルも累計費用のデータがないため、データなし（${names}）。`,
        }
      : {
          en: `No channel whose spend to date is provided is over its budget this fiscal year; the spend to date of ${names} is not provided.`,
          ja: `累計費用のあるチャネルに今年度の予算超過はありません。${names} の累計費用はデータなしです。`,
        },
  costPerStage: { en: "Cost per funnel stage", ja: "ファネル段階ごとの単価" },
  costByChannel: { en: "Cost per stage by channel (this month)", ja: "チャネル別の段階単価（当月）" },
  costTrend: { en: "Cost per lead by channel", ja: "チャネル別のリード単価の推移" },
  marketingSpend: { en: "Marketing spend", ja: "マーケティング費用" },
  salesSpend: { en: "Sales spend", ja: "営業費用" },
  leads: { en: "Leads", ja: "リード" },
  mqls: { en: "MQLs", ja: "MQL" },
  sqls: { en: "SQLs", ja: "商談化" },
  opportunities: { en: "Opportunities", ja: "商談" },
  wonDeals: { en: "Won deals", ja: "受注" },
  cacTitle: { en: "Customer acquisition cost", ja: "顧客獲得コスト（CAC）" },
  window: (months: number) => ({ en: `Trailing ${months} months`, ja: `直近${months}か月` }),
  months: { en: "Months", ja: "期間" },
  newCustomers: { en: "New customers", ja: "新規顧客" },
  salesNotProvided: {
    en: "Sales spend is not provided (no spend row of team sales in every month of the period): CAC including sales is not shown; the marketing-only CAC is.",
    ja: "営業費用のデータがありません（期間の全月に team が sales の行が無い）。営業を含む CAC は示さず、マーケティングのみの CAC を示します。",
  },
  unreported: (n: number) => ({
    en: `${n} spend line${n === 1 ? "" : "s"} of this month ${n === 1 ? "has" : "have"} a budget but no amount yet (not reported yet): the month's spend and costs are provisional, and a channel with such a line reads not provided.`,
    ja: `当月の費用のうち${n}行は予算のみで実績額が未計上です。当月の費用と単価は暫定値で、未計上の行があるチャネルは「データなし」と表示します。`,
  }),
  unreportedShort: (n: number) => ({ en: `${n} line${n === 1 ? "" : "s"} not reported yet`, ja: `未計上${n}行` }),
  unreportedCac: (n: number) => ({
    en: `${n} spend line${n === 1 ? "" : "s"} of these months ${n === 1 ? "has" : "have"} a budget but no amount yet: the CAC is provisional (it can only rise).`,
    ja: `対象期間の費用のうち${n}行は予算のみで実績額が未計上です。CAC は暫定値です（上がることはあっても下がりません）。`,
  }),
  typeNotGiven: {
    en: "The deals give no type (new business, expansion, renewal): new customers are accounts by their first won deal of any type, so an existing customer's renewal or expansion can count as new, and CAC reads lower than it is. Cost per won deal divides by every won deal.",
    ja: "商談に種別（新規・拡大・更新）がありません。新規顧客は種別を問わず最初の受注で数えるため、既存顧客の更新・拡大を新規に含むことがあり、CAC は実際より低く出ます。受注単価は全受注商談数で割っています。",
  },
  newBusinessWon: { en: "New-business won deals", ja: "新規ビジネス受注" },
  fallback: (n: number) => ({
    en: `Only ${n} new customers in the trailing 3 months (fewer than 5): too few for a CAC. Cost per SQL stands in for it.`,
    ja: `直近3か月の新規顧客は${n}件（5件未満）で、CAC を出すには少なすぎます。代わりに商談化単価を示します。`,
  }),
  windowMissing: (lacks: string) => ({
    en: `Some months of these windows lack the data they read: ${lacks}. Without a month's opportunities, the window's new customers, CAC and marketing-only CAC read not provided; without its leads, its SQLs and cost per SQL (never a sum counting that month as zero).`,
    ja: `対象期間に、必要なデータの無い月があります：${lacks}。商談データの無い月があればその期間の新規顧客・CAC・マーケティングのみの CAC は、リードデータの無い月があれば商談化数と商談化単価は「データなし」です（その月を 0 とした合計は示しません）。`,
  }),
  ltvMonthsMissing: (lacks: string) => ({
    en: `Some of the trailing 12 months lack the deals LTV's average won amount reads: ${lacks}. The average won amount, monthly gross profit, LTV, LTV:CAC and payback read not provided.`,
    ja: `直近12か月に、LTV の平均受注額に必要な商談データの無い月があります：${lacks}。平均受注額・月次粗利・LTV・LTV:CAC・回収期間は「データなし」です。`,
  }),
  costPerSqlWindow: { en: "Cost per SQL (same months)", ja: "商談化単価（同期間）" },
  ltvTitle: { en: "LTV, LTV:CAC and payback", ja: "LTV・LTV:CAC・回収期間" },
  inputs: { en: "Inputs", ja: "入力値" },
  amountBasis: { en: "Amount basis (amountBasis)", ja: "金額の基準（amountBasis）" },
  basisName: (basis: string) =>
    basis === "annual"
      ? { en: "annual (yearly contract value)", ja: "年額" }
      : basis === "monthly"
        ? { en: "monthly (monthly recurring value)", ja: "月額" }
        : { en: "one-time", ja: "一括" },
  grossMargin: { en: "Gross margin (ltv.grossMargin)", ja: "粗利率（ltv.grossMargin）" },
  lifetime: { en: "Lifetime in months", ja: "顧客寿命（月）" },
  lifetimeFrom: (from: "lifetime" | "churn" | null, churn: string) =>
    from === "lifetime"
      ? { en: "ltv.lifetimeMonths", ja: "ltv.lifetimeMonths" }
      : from === "churn"
        ? { en: `1 / monthly churn ${churn} (ltv.monthlyChurn)`, ja: `1 / 月次解約率 ${churn}（ltv.monthlyChurn）` }
        : { en: "not configured", ja: "未設定" },
  /** `n`: the won deals it averages; null when the month's deals are not provided (no count to claim). */
  averageWon: (n: number | null, newBusiness: boolean) =>
    n === null
      ? newBusiness
        ? { en: "Average won amount (new-business deals, trailing 12 months)", ja: "平均受注額（直近12か月の新規ビジネス）" }
        : { en: "Average won amount (trailing 12 months)", ja: "平均受注額（直近12か月）" }
      : newBusiness
        ? { en: `Average won amount (${n} new-business deals, trailing 12 months)`, ja: `平均受注額（直近12か月の新規ビジネス${n}件）` }
        : { en: `Average won amount (${n} deals, trailing 12 months)`, ja: `平均受注額（直近12か月の${n}件）` },
  monthlyGrossProfit: { en: "Monthly gross profit per customer", ja: "顧客あたり月次粗利" },
  cacUsed: (months: number | null, marketingOnly: boolean) => ({
    en: `CAC used${months ? ` (trailing ${months} months${marketingOnly ? ", marketing only: sales spend not provided" : ""})` : ""}`,
    ja: `使用した CAC${months ? `（直近${months}か月${marketingOnly ? "、マーケティングのみ：営業費用のデータなし" : ""}）` : ""}`,
  }),
  ltvMissing: {
    en: "LTV needs ltv.grossMargin and, for recurring amounts, ltv.lifetimeMonths or ltv.monthlyChurn in gekkan.config.yaml: not provided.",
    ja: "LTV には gekkan.config.yaml の ltv.grossMargin と（継続課金では）ltv.lifetimeMonths か ltv.monthlyChurn が必要です：データなし。",
  },
  roiTitle: { en: "Campaign ROI (campaigns started in the trailing 12 months)", ja: "キャンペーンROI（直近12か月に開始したキャンペーン）" },
  campaign: { en: "Campaign", ja: "キャンペーン" },
  cost: { en: "Cost", ja: "費用" },
  costPerMqlCampaign: { en: "Cost per MQL", ja: "MQL単価" },
  costPerSqlCampaign: { en: "Cost per SQL", ja: "商談化単価" },
  pipeline: { en: "Pipeline to date", ja: "パイプライン累計" },
  wonToDate: { en: "Won to date", ja: "受注累計" },
  pipelineRoi: { en: "Pipeline / cost", ja: "パイプライン / 費用" },
  wonRoi: { en: "Won / cost", ja: "受注 / 費用" },
  times: (x: string) => ({ en: `${x}x`, ja: `${x}倍` }),
  /** Why a campaign's pipeline / cost (`to` "deal") or won / cost ("won") is provisional (roi.ts). */
  roiMaturing: (to: "deal" | "won", young: Young | undefined, open: number) => {
    const en: string[] = [];
    const ja: string[] = [];
    if (young && young.days < 0) {
      en.push("still running at the month's end");
      ja.push("月末時点で実施中");
    } else if (young?.from === "open") {
      // No end date: nothing says it has ended, however long ago it started.
      const d = young.days;
      en.push(`no end date, so it may still run (${d} day${d === 1 ? "" : "s"} since its start)`);
      ja.push(`終了日の指定なし（実施中の可能性。開始から${d}日）`);
    } else if (young) {
      const d = young.days;
      en.push(
        `${d} day${d === 1 ? "" : "s"} since its ${young.from} (${
          young.p90 === null
            ? `too few deals to know how long leads take to ${to === "deal" ? "become deals" : "be won"}`
            : `lead to ${to} p90: ${young.p90} days`
        })`,
      );
      ja.push(
        `${young.from === "end" ? "終了" : "開始"}から${d}日（${
          young.p90 === null
            ? `${to === "deal" ? "商談作成" : "受注"}までの日数は件数不足で不明`
            : `${to === "deal" ? "商談作成" : "受注"}まで p90 ${young.p90}日`
        }）`,
      );
    }
    if (open > 0) {
      en.push(`${open} deal${open === 1 ? "" : "s"} open`);
      ja.push(`未完了の商談${open}件`);
    }
    return { en: en.join("; "), ja: ja.join("、") };
  },
  /**
   * The note above the campaign ROI table when a row is marked (the cycle's p90s, null: not known);
   * `openEnded`: a row is of a campaign without an end date (format 11; an older edition has none).
   */
  /** `startCounted`: a row counts its days from the campaign's start (an end before its start; in an edition of format 10 or older, no end date). */
  roiProvisional: (toDeal: number | null, toWon: number | null, newBusiness: boolean, openEnded = false, startCounted = false) => {
    const unknown = {
      en: `not known: fewer than ${MIN_CYCLE_DEALS} deals to measure it, so every campaign is marked`,
      ja: `不明：${MIN_CYCLE_DEALS}件未満で測れないため、全キャンペーンを暫定とする`,
    };
    const deal = toDeal === null ? unknown : { en: `p90 ${toDeal} days`, ja: `p90 ${toDeal}日` };
    const won = toWon === null ? unknown : { en: `p90 ${toWon} days`, ja: `p90 ${toWon}日` };
    return {
      en: `Pipeline / cost and won / cost are to date, and marked provisional while they can still rise: pipeline / cost until leads have had time to become deals (${deal.en}) since the campaign's end${startCounted ? " (its start, when it gives no usable end)" : ""}; won / cost until they have had time to be won (${won.en}) and none of its deals is open at the month's end. A campaign still running is provisional${openEnded ? ", and so is one without an end date (it may still run)" : ""}. A badge's reason shows on hover. The p90s are of the trailing 12 months' deals${newBusiness ? " (new business)" : ""} with a lead.`,
      ja: `パイプライン / 費用 と 受注 / 費用 は途中経過で、上がりうる間は「暫定」と示します。パイプライン / 費用 はキャンペーン終了${startCounted ? "（使える終了日が無ければ開始）" : ""}から商談化に要する日数（${deal.ja}）が経つまで、受注 / 費用 は受注に要する日数（${won.ja}）が経ち、月末時点で未完了の商談が無くなるまで。実施中のキャンペーン${openEnded ? "と、終了日の無い（実施中の可能性がある）キャンペーン" : ""}は暫定です。理由はバッジにカーソルを合わせると表示されます。p90 は直近12か月の、リードのある${newBusiness ? "新規ビジネスの" : ""}商談によるものです。`,
    };
  },
  noCampaign: {
    en: "No campaign with a cost started in the trailing 12 months.",
    ja: "直近12か月に開始した費用のあるキャンペーンはありません。",
  },
  noSpendRows: { en: "No spend rows for this fiscal year.", ja: "今年度の費用データはありません。" },
  /** The month has no spend lines and no earlier folder gave one of the fiscal year: not "no rows". */
  overNoSpend: { en: "Over budget this fiscal year: not provided.", ja: "今年度の予算超過：データなし。" },
} as const satisfies Catalogue;
