// Fictional Japanese people and companies for the sample. Every name is made up from common
// parts; e-mail domains are under the reserved `.example` top-level domain, and phone numbers
// have a subscriber number starting with 0, which no real Japanese number has.
import type { Rng } from "./random.ts";

/** [kanji, romaji] */
type Pair = readonly [string, string];

// Contacts never share a surname or given name with the company's own staff (owners/AEs in
// world.ts), and no name is a single character, so a scan of the built site for contact names
// cannot be confused by staff names or by ordinary words (学, 葵 ...).
export const SURNAMES: readonly Pair[] = [
  ["山田", "yamada"],
  ["佐々木", "sasaki"],
  ["松本", "matsumoto"],
  ["井上", "inoue"],
  ["木村", "kimura"],
  ["斎藤", "saito"],
  ["清水", "shimizu"],
  ["山崎", "yamazaki"],
  ["池田", "ikeda"],
  ["橋本", "hashimoto"],
  ["阿部", "abe"],
  ["石川", "ishikawa"],
  ["山下", "yamashita"],
  ["中島", "nakajima"],
  ["石井", "ishii"],
  ["小川", "ogawa"],
  ["前田", "maeda"],
  ["岡田", "okada"],
  ["長谷川", "hasegawa"],
  ["藤田", "fujita"],
  ["後藤", "goto"],
  ["近藤", "kondo"],
  ["村上", "murakami"],
  ["遠藤", "endo"],
  ["青木", "aoki"],
  ["坂本", "sakamoto"],
  ["福田", "fukuda"],
  ["太田", "ota"],
  ["西村", "nishimura"],
  ["藤井", "fujii"],
  ["金子", "kaneko"],
  ["岡本", "okamoto"],
  ["藤原", "fujiwara"],
  ["中野", "nakano"],
  ["三浦", "miura"],
  ["原田", "harada"],
  ["松田", "matsuda"],
  ["竹内", "takeuchi"],
  ["中川", "nakagawa"],
  ["小野", "ono"],
  ["田村", "tamura"],
  ["和田", "wada"],
  ["森田", "morita"],
  ["上田", "ueda"],
  ["柴田", "shibata"],
  ["酒井", "sakai"],
  ["工藤", "kudo"],
  ["横山", "yokoyama"],
  ["宮崎", "miyazaki"],
  ["宮本", "miyamoto"],
  ["内田", "uchida"],
  ["高木", "takagi"],
  ["安藤", "ando"],
  ["谷口", "taniguchi"],
  ["丸山", "maruyama"],
  ["今井", "imai"],
  ["河野", "kono"],
  ["村田", "murata"],
  ["武田", "takeda"],
  ["上野", "ueno"],
  ["杉山", "sugiyama"],
  ["増田", "masuda"],
  ["平野", "hirano"],
  ["菅原", "sugawara"],
  ["久保", "kubo"],
  ["松井", "matsui"],
  ["千葉", "chiba"],
  ["岩崎", "iwasaki"],
  ["桜井", "sakurai"],
  ["野口", "noguchi"],
  ["大塚", "otsuka"],
  ["小山", "koyama"],
  // CP932-only (IBM extension) characters, as real Japanese names carry them.
  ["髙橋", "takahashi"],
  ["﨑山", "sakiyama"],
];

export const GIVEN_NAMES: readonly Pair[] = [
  ["直樹", "naoki"],
  ["和也", "kazuya"],
  ["達也", "tatsuya"],
  ["健太", "kenta"],
  ["浩二", "koji"],
  ["智也", "tomoya"],
  ["雄一", "yuichi"],
  ["大樹", "daiki"],
  ["悠斗", "yuto"],
  ["健一", "kenichi"],
  ["康平", "kohei"],
  ["俊介", "shunsuke"],
  ["拓海", "takumi"],
  ["陽介", "yosuke"],
  ["一郎", "ichiro"],
  ["真一", "shinichi"],
  ["秀樹", "hideki"],
  ["正人", "masato"],
  ["麻衣", "mai"],
  ["千尋", "chihiro"],
  ["奈々", "nana"],
  ["沙織", "saori"],
  ["裕子", "yuko"],
  ["香織", "kaori"],
  ["明日香", "asuka"],
  ["理恵", "rie"],
  ["智子", "tomoko"],
  ["彩香", "ayaka"],
  ["優子", "yuko"],
  ["美穂", "miho"],
  ["真理子", "mariko"],
  ["明美", "akemi"],
  ["久美子", "kumiko"],
  ["友美", "tomomi"],
  ["美香", "mika"],
  ["直美", "naomi"],
  ["結衣", "yui"],
  ["七海", "nanami"],
  ["春香", "haruka"],
  ["恵子", "keiko"],
];

export interface Person {
  lastName: string;
  firstName: string;
  email: string;
  phone: string;
}

const AREA_CODES = ["03", "03", "03", "06", "06", "052", "045", "092", "011", "022", "075", "078"];

function phoneNumber(rng: Rng): string {
  if (rng.chance(0.25)) return `0${rng.pick(["70", "80", "90"])}-0${rng.int(100, 999)}-${rng.int(1000, 9999)}`;
  const area = rng.pick(AREA_CODES);
  // Area code + local number always make 10 digits; the local exchange starts with 0 (never assigned).
  const exchangeDigits = 6 - area.length;
  const exchange = `0${String(rng.int(0, 10 ** (exchangeDigits - 1) - 1)).padStart(exchangeDigits - 1, "0")}`;
  return `${area}-${exchange}-${rng.int(1000, 9999)}`;
}

export function person(rng: Rng, domain: string | undefined): Person {
  const [lastName, lastRomaji] = rng.pick(SURNAMES);
  const [firstName, firstRomaji] = rng.pick(GIVEN_NAMES);
  const host = domain ?? rng.pick(["freemail.example", "mail.example", "webmail.example"]);
  const local = rng.weighted(
    [
      `${firstRomaji[0]}.${lastRomaji}`,
      `${lastRomaji}`,
      `${firstRomaji}.${lastRomaji}`,
      `${lastRomaji}-${firstRomaji[0]}`,
      `${firstRomaji}${rng.int(1, 99)}`,
    ],
    domain ? [5, 2, 3, 1, 0] : [1, 0, 2, 0, 3],
  );
  return { lastName, firstName, email: `${local}@${host}`, phone: phoneNumber(rng) };
}

export const INDUSTRIES = ["製造業", "IT・通信", "金融・保険", "小売・流通", "医療・福祉", "建設・不動産", "官公庁・教育"] as const;
export type Industry = (typeof INDUSTRIES)[number];
export const INDUSTRY_WEIGHTS = [30, 24, 10, 12, 7, 10, 7];

export const COMPANY_SIZES = ["1-49", "50-299", "300-999", "1000+"] as const;
export type CompanySize = (typeof COMPANY_SIZES)[number];
export const COMPANY_SIZE_WEIGHTS = [25, 38, 22, 15];

const NAME_STEMS: readonly Pair[] = [
  ["東和", "towa"],
  ["北斗", "hokuto"],
  ["青葉", "aoba"],
  ["富士見", "fujimi"],
  ["光和", "kowa"],
  ["昭栄", "shoei"],
  ["丸栄", "maruei"],
  ["明和", "meiwa"],
  ["三晃", "sanko"],
  ["日進", "nisshin"],
  ["港南", "konan"],
  ["湊", "minato"],
  ["白鷺", "shirasagi"],
  ["若葉", "wakaba"],
  ["双葉", "futaba"],
  ["旭陽", "kyokuyo"],
  ["秀峰", "shuho"],
  ["泉", "izumi"],
  ["桂", "katsura"],
  ["楓", "kaede"],
  ["柏木", "kashiwagi"],
  ["鶴見", "tsurumi"],
  ["玉川", "tamagawa"],
  ["城南", "jonan"],
  ["大鷹", "otaka"],
  ["清流", "seiryu"],
  ["暁", "akatsuki"],
  ["紺碧", "konpeki"],
  ["銀河", "ginga"],
  ["翠", "midori"],
  ["朝霧", "asagiri"],
  ["菱和", "ryowa"],
  ["瑞光", "zuiko"],
  ["辰巳", "tatsumi"],
  ["葵", "aoi"],
  ["琥珀", "kohaku"],
  ["松葉", "matsuba"],
  ["梅田台", "umedadai"],
  ["桜丘", "sakuragaoka"],
  ["緑川", "midorikawa"],
  ["高峰", "takamine"],
  ["天翔", "tensho"],
  ["飛鳥野", "asukano"],
  ["宝生", "hosho"],
  ["八雲", "yakumo"],
  ["千歳", "chitose"],
  ["有明", "ariake"],
  ["常盤", "tokiwa"],
  ["嵐山", "arashiyama"],
  ["浅葱", "asagi"],
  ["ひかり", "hikari"],
  ["みらい", "mirai"],
  ["サンプル", "sample"],
  ["アルファ", "alpha"],
  ["ノヴァ", "nova"],
  ["ベイサイド", "bayside"],
  ["グリーンフィールド", "greenfield"],
];

const BUSINESS: Record<Industry, readonly Pair[]> = {
  製造業: [
    ["精機", "seiki"],
    ["製作所", "seisakusho"],
    ["工業", "kogyo"],
    ["電機", "denki"],
    ["化学", "kagaku"],
    ["金属", "kinzoku"],
    ["樹脂", "jushi"],
    ["機械", "kikai"],
  ],
  "IT・通信": [
    ["システムズ", "systems"],
    ["テクノロジーズ", "tech"],
    ["ソフト", "soft"],
    ["ネットワークス", "networks"],
    ["情報サービス", "joho"],
    ["データ", "data"],
    ["ラボ", "lab"],
    ["クラウド", "cloud"],
  ],
  "金融・保険": [
    ["信用金庫", "shinkin"],
    ["証券", "securities"],
    ["損害保険", "sonpo"],
    ["リース", "lease"],
    ["ファイナンス", "finance"],
    ["生命保険", "life"],
  ],
  "小売・流通": [
    ["商事", "shoji"],
    ["物産", "bussan"],
    ["物流", "logi"],
    ["ストア", "store"],
    ["リテール", "retail"],
    ["通商", "tsusho"],
  ],
  "医療・福祉": [
    ["メディカル", "medical"],
    ["介護サービス", "kaigo"],
    ["薬品", "yakuhin"],
    ["ケア", "care"],
    ["医療器", "iryoki"],
    ["ヘルスケア", "healthcare"],
  ],
  "建設・不動産": [
    ["建設", "kensetsu"],
    ["工務店", "komuten"],
    ["不動産", "fudosan"],
    ["ハウジング", "housing"],
    ["設備", "setsubi"],
    ["地所", "jisho"],
  ],
  "官公庁・教育": [
    ["市役所", "city"],
    ["大学", "univ"],
    ["学園", "gakuen"],
    ["町役場", "town"],
    ["研究機構", "research"],
    ["高等専門学校", "kosen"],
  ],
};

const NOT_COMPANY = new Set(["信用金庫", "市役所", "大学", "学園", "町役場", "研究機構", "高等専門学校"]);
const ORG_FORM: Record<string, string> = {
  大学: "学校法人",
  学園: "学校法人",
  研究機構: "独立行政法人",
  高等専門学校: "",
  市役所: "",
  町役場: "",
  信用金庫: "",
};

export interface CompanyName {
  /** Official name, e.g. 株式会社北斗精機. */
  name: string;
  /** How a person might type it on a form: ㈱北斗精機 (a CP932-only character). */
  typed: string;
  domain: string;
}

const OVERFLOW: readonly Pair[] = [
  ["販売", "hanbai"],
  ["サービス", "service"],
  ["ソリューションズ", "solutions"],
  ["東日本", "east"],
  ["西日本", "west"],
  ["ホールディングス", "hd"],
  ["エンジニアリング", "eng"],
  ["九州", "kyushu"],
  ["北海道", "hokkaido"],
  ["中部", "chubu"],
];

const PLACE_PREFIX: readonly Pair[] = [
  ["新", "shin"],
  ["東", "higashi"],
  ["西", "nishi"],
  ["南", "minami"],
  ["北", "kita"],
  ["上", "kami"],
  ["下", "shimo"],
];

export function companyName(rng: Rng, industry: Industry, used: Set<string>): CompanyName {
  for (let attempt = 0; ; attempt++) {
    const [stem, stemRomaji] = rng.pick(NAME_STEMS);
    const [business, businessRomaji] = rng.pick(BUSINESS[industry]);
    const official = NOT_COMPANY.has(business);
    const overflow: Pair | undefined = attempt < 12 ? undefined : rng.pick(official ? PLACE_PREFIX : OVERFLOW);
    // Past the natural combinations (only at large scales), a number keeps names unique.
    const serial = attempt > 60 ? String(attempt - 59) : "";
    const unique = official ? `${overflow?.[0] ?? ""}${stem}${business}${serial}` : `${stem}${business}${overflow?.[0] ?? ""}${serial}`;
    if (used.has(unique)) continue;
    used.add(unique);
    let name: string;
    let typed: string;
    if (official) {
      name = `${ORG_FORM[business] ?? ""}${unique}`;
      typed = name;
    } else if (rng.chance(0.65)) {
      name = `株式会社${unique}`;
      typed = `㈱${unique}`;
    } else {
      name = `${unique}株式会社`;
      typed = `${unique}㈱`;
    }
    const tail = `${overflow ? `-${overflow[1]}` : ""}${serial}`;
    const domain =
      business === "市役所" || business === "町役場"
        ? `${businessRomaji}-${overflow?.[1] ?? ""}${stemRomaji}${serial}.example`
        : `${stemRomaji}-${businessRomaji}${tail}.example`;
    return { name, typed, domain };
  }
}
