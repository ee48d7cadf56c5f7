// The sales-marketing handoff's metrics: MQLs handed to sales and what the activity funnel made of them.
import { metrics } from "../section.ts";

export const METRICS = metrics([
  {
    id: "handed",
    unit: "count",
    datasets: ["leads"],
    targets: "self",
    label: { en: "MQLs handed to sales", ja: "営業への引き渡し" },
    definition: {
      en: "Leads whose handoff (handoff_at, or mql_at when absent) falls in the month.",
      ja: "引き渡し日（無い場合は MQL 日）が当月のリード。",
    },
  },
  {
    id: "calls",
    unit: "count",
    datasets: ["activities"],
    label: { en: "Calls", ja: "架電" },
    definition: {
      en: "Activities of type call that occurred in the month and name a lead. Emails: activities of type email, likewise.",
      ja: "当月に行われ、リードが指定された架電活動の件数。メールも同様に email 種別の活動。",
    },
  },
  {
    id: "connect_rate",
    unit: "ratio",
    datasets: ["leads", "activities"],
    targets: "self",
    label: { en: "Connect rate", ja: "通電率" },
    definition: {
      en: "Connects (calls with connected = true) / calls, in the month.",
      ja: "当月の通電数（connected = true の架電）/ 架電数。",
    },
  },
  {
    id: "appointment_rate",
    unit: "ratio",
    datasets: ["leads", "activities"],
    targets: "self",
    // Appointments booked by email can outnumber connects: above 100% is a real rate (and target).
    exceedsOne: true,
    label: { en: "Appointment rate", ja: "アポ獲得率" },
    definition: {
      en: "Appointments (activities of any type on a lead with appointment_set = true) / connects, in the month. An appointment booked by email counts too, so the rate can exceed 100%.",
      ja: "当月のアポ獲得数（appointment_set = true のリードに対する活動。種別を問わない）/ 通電数。メールでのアポも数えるため100%を超えることがある。",
    },
  },
  {
    id: "sql_rate",
    unit: "ratio",
    datasets: ["leads"],
    targets: "self",
    // SQLs from earlier handoffs can outnumber the month's handoffs: above 100% is a real rate (and target).
    exceedsOne: true,
    label: { en: "SQL rate", ja: "商談化率" },
    definition: {
      en: "SQLs in the month (leads with sql_at in the month) / MQLs handed to sales in the month: a flow rate (an SQL may come from an earlier handoff), so it can exceed 100%. Per owner and per industry: leads received and SQLs count by the lead's owner ('unassigned' when empty) and industry ('unknown' when empty); calls, connects and appointments count by the activity's owner per owner, and by the lead's industry per industry.",
      ja: "当月の商談化数（sql_at が当月のリード）/ 当月の引き渡し数。フローの率（以前の引き渡しからの商談化も含む）で100%を超えることがある。担当者別・業種別では、受領と商談化はリードの担当者（空は unassigned）・業種（空は unknown）で、架電・通電・アポは担当者別では活動の担当者、業種別ではリードの業種で集計。",
    },
  },
  {
    id: "skew",
    unit: "ratio",
    datasets: ["leads"],
    label: { en: "Supply skew", ja: "供給の偏り" },
    definition: {
      en: "Of the month's handoffs with an owner (an industry; those without are no group, and are left out: the tables list them as 'unassigned' and 'unknown'): the share that went to the top owner (or industry), and the Herfindahl-Hirschman index = the sum of squared shares (1/n when even over n groups, 1 when one group has all); normalised = (HHI - 1/n) / (1 - 1/n): 0 = even, 1 = all to one. Flagged when the top share exceeds the configured threshold.",
      ja: "担当者（業種）のある当月の引き渡しのうち（無いものはグループではなく除く。表では unassigned・unknown として示す）最大の担当者（業種）の割合と、ハーフィンダール・ハーシュマン指数 = 割合の二乗和（n グループに均等なら 1/n、一つに集中なら 1）。正規化 =（HHI - 1/n）/（1 - 1/n）：0 = 均等、1 = 一つに集中。最大の割合が設定したしきい値を超えると警告。",
    },
  },
  {
    id: "campaign",
    unit: "currency",
    datasets: ["campaigns", "leads", "opportunities"],
    label: { en: "Campaigns as lead sources", ja: "リード獲得元としてのキャンペーン" },
    definition: {
      en: "Per campaign, by the lead's campaign_id: leads created, MQLs and SQLs in the month; pipeline = amount of opportunities created in the month, and won = amount of opportunities won with closed_at in the month, whose lead (the opportunity's lead_id, else the lead whose opportunity_id names it) came from the campaign. Cost is the campaign's total cost; cost per MQL (SQL) = cost / the campaign's MQLs (SQLs) to the month's end, when the cost is known and there is at least one.",
      ja: "キャンペーン別（リードの campaign_id）：当月のリード・MQL・商談化。パイプライン = 当月作成の商談の金額、受注 = closed_at が当月で受注した商談の金額（商談のリード（lead_id、無ければ opportunity_id でその商談を指すリード）がそのキャンペーン由来のもの）。費用はキャンペーンの総費用。MQL（商談化）単価 = 費用 / 月末までの MQL（商談化）累計数（費用が分かり、1件以上ある場合）。",
    },
  },
]);

export type HandoffMetricId = (typeof METRICS)[number]["id"];
