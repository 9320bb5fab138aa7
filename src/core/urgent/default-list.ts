import type { UrgentExpressionDefinition, UrgentGroupDefinition, UrgentListDefinition } from './list.js';

/**
 * The urgent expressions Tsunagi ships with. An office adds, removes and rewords through its own file
 * (URGENT_WORDS_FILE, see list-file.ts and docs/urgent-words.md). Every entry says why it is there.
 *
 * Forms are written once: folding (normalize.ts) already covers katakana, half-width, full-width,
 * small kana, ー, spaces, punctuation and emoji inside a word. What is listed on top are the other
 * spellings people type: kana for kanji (しにたい), net spellings (タヒにたい), dropped particles.
 *
 * Short kana that occur inside everyday words carry `except` lists (けが is in だけが, わけが, 助けが):
 * words where the same letters mean something else. Negations are never excepted (see find-urgent.ts).
 */

// Why, in short. Each group and expression points at one of these or says its own reason.
const WHY = {
  suicideSigns:
    '自殺を口にすること・自殺未遂は、自殺の危険を示すサインとして特に注意すべきもの（内閣府『自殺対策白書』平成20年版「自殺のサイン 特に注意すべき十箇条」）。気づき、声をかけ、話を聴き、つなぐ（厚生労働省「ゲートキーパー」、自殺総合対策大綱 令和4年10月閣議決定）',
  indirect: '「死にたい」と直接言わず「消えたい」「いなくなりたい」「生きている意味がない」と表す人が多い（自殺の危険のサインとして扱う表現）',
  method: '手段を具体的に口にするのは危険が高いサイン（内閣府「自殺のサイン 十箇条」: 自殺を口にする・自殺未遂に及ぶ）',
  selfHarm: '自傷行為・過量服薬（OD）は自殺未遂のことがあり、命に関わることがある。自殺未遂は十箇条のサインの一つ',
  professional: '関係機関（訪問看護・医療機関・相談支援）が記録や連絡で使う専門用語',
  emergency: '急病・けが・事故は命に関わることがあり、119番（救急）を要することがある。記録の分類「緊急対応・事故」（welfare.md）',
  sos: '助けを求める言葉は、内容にかかわらず、すぐに人が見るべきもの',
  abuse:
    '障害者虐待防止法（平成23年法律第79号）第7条・第16条・第22条: 養護者・障害者福祉施設従事者等・使用者による虐待を受けたと思われる障害者を発見した者は、速やかに市町村（使用者の場合は市町村または都道府県）に通報しなければならない。記録の分類「虐待の疑い」（welfare.md）',
  abuseKinds: '障害者虐待防止法第2条の類型（身体的・性的・心理的・放棄放置・経済的虐待）にあたりうる出来事を表す言葉',
  police: '警察が関わる出来事（事件・身の危険・保護）は、すぐに担当者が知るべきもの',
  missing:
    '障害のある人が帰ってこない・行方がわからないときは、早い捜索が命を守る（警察への行方不明者届: 行方不明者発見活動に関する規則 平成21年国家公安委員会規則第13号）',
} as const;

export const DEFAULT_GROUPS: readonly UrgentGroupDefinition[] = [
  {
    id: 'self-harm',
    label: { ja: '自殺・自傷のおそれ', en: 'Suicide or self-harm risk' },
    why: WHY.suicideSigns,
    recordCategory: 'emergency',
    enabled: true,
  },
  {
    id: 'emergency',
    label: { ja: '急病・けが・事故・SOS', en: 'Medical emergency, injury, accident or SOS' },
    why: WHY.emergency,
    recordCategory: 'emergency',
    enabled: true,
  },
  {
    id: 'violence',
    label: { ja: '暴力・虐待のおそれ', en: 'Violence or abuse' },
    why: WHY.abuse,
    recordCategory: 'abuse',
    enabled: true,
  },
  {
    id: 'missing',
    label: { ja: '行方不明・帰ってこない', en: 'Missing or not come home' },
    why: WHY.missing,
    recordCategory: 'emergency',
    enabled: true,
  },
];

/** Words that contain けが without meaning an injury (the stem of a verb in け + the particle が). */
const KEGA_EXCEPT = [
  'だけが',
  'わけが',
  '訳が',
  'かけが',
  '掛けが',
  '助けが',
  'たすけが',
  'つけが',
  '付けが',
  '漬けが',
  'まけが',
  '負けが',
  'あけが',
  '明けが',
  '開けが',
  '受けが',
  'うけが',
  '続けが',
  '分けが',
  '向けが',
  'むけが',
  '避けが',
  '儲けが',
  'もうけが',
  'ふけが',
  '届けが',
  'とどけが',
  '預けが',
  'あずけが',
  '片付けが',
  '見つけが',
  '出かけが',
  'でかけが',
  'おでかけが',
  '抜けが',
  'ぬけが',
  '焼けが',
  'やけが',
  'さけが',
] as const;

export const DEFAULT_EXPRESSIONS: readonly UrgentExpressionDefinition[] = [
  // ---- self-harm and suicide ----------------------------------------------------------------------
  {
    id: 'shinitai',
    group: 'self-harm',
    forms: ['死にたい', '死にたく', 'しにたい', 'しにたく', '死にてぇ', 'しにてぇ', 'タヒにたい', '氏にたい', '4にたい', 'shinitai', 'sinitai'],
    why: WHY.suicideSigns,
  },
  {
    id: 'shinu',
    group: 'self-harm',
    forms: ['死ぬ', '死のう', '死んでしまいたい', '死んだほうが', '死んだ方が', '死んでやる', '死ねたら', '死ねば楽', 'しのう', 'しんでしまいたい', 'しんだほうが', 'しんだ方が'],
    // Set phrases where 死ぬ means "very" or "all one's life", not dying.
    except: ['死ぬほど', '死ぬかと思', '死ぬ気で', '死ぬまでに'],
    why: WHY.suicideSigns,
  },
  {
    id: 'kietai',
    group: 'self-harm',
    forms: ['消えたい', '消えてしまいたい', '消えてなくなりたい', 'きえたい', 'きえてしまいたい', 'いなくなりたい', '居なくなりたい', 'いない方がいい', 'いないほうがいい', '生まれてこなければ', '生まれてこなきゃ'],
    why: WHY.indirect,
  },
  {
    id: 'ikiru-imi',
    group: 'self-harm',
    forms: ['生きていたくない', '生きてたくない', '生きている意味', '生きてる意味', '生きる意味がない', '生きるのがつらい', '生きるのが辛い', '生きるのに疲れ', '生きてるのがつらい', '生きてるのが辛い', '生きているのがつらい', '生きているのが辛い', '生きてるいみ', '生きているいみ', 'いきてるいみ', 'いきているいみ', 'いきるのがつらい', 'いきていたくない'],
    why: WHY.indirect,
  },
  {
    id: 'raku-ni',
    group: 'self-harm',
    forms: ['楽になりたい', 'らくになりたい', 'もう終わりにしたい', '全部終わりにしたい', 'ぜんぶ終わりにしたい', '人生を終わり', '人生終わりにしたい'],
    why: WHY.indirect,
  },
  {
    id: 'jisatsu',
    group: 'self-harm',
    forms: ['自殺', 'じさつ', '自死', 'suicide', 'suicidal', 'kill myself', 'want to die'],
    why: WHY.suicideSigns,
  },
  {
    id: 'kubi',
    group: 'self-harm',
    forms: ['首を吊', '首吊', '首をつる', '首をつろう', '首をつった', 'くびつり', 'くびをつる', '首をくく', '首を括', '首くく'],
    why: WHY.method,
  },
  {
    id: 'tobiori',
    group: 'self-harm',
    forms: ['飛び降り', '飛びおり', '飛降り', 'とびおり', '電車に飛び込', '線路に飛び込', 'ホームから飛び', '飛び込みたい'],
    why: WHY.method,
  },
  {
    id: 'jisho',
    group: 'self-harm',
    forms: ['リストカット', 'リスカ', 'アムカ', 'レグカ', '手首を切', '手首切', '腕を切', '腕切', '自傷', '血を見ると落ち着く'],
    why: WHY.selfHarm,
  },
  {
    id: 'od',
    group: 'self-harm',
    forms: ['OD', 'オーバードーズ', 'overdose', '過量服薬', '大量服薬', '薬を全部飲', '薬全部飲', '薬全部のん', '薬ぜんぶ飲', 'くすりぜんぶのん', '薬をまとめて飲', '薬まとめて飲', '薬をたくさん飲', '薬を大量に', '薬を一気に', 'くすりをぜんぶのん', '睡眠薬を全部'],
    // OD錠・ODフィルム: 口腔内崩壊錠, an ordinary kind of tablet that medication messages name.
    except: ['od錠', 'odじょう', 'odフィルム', 'odふぃるむ'],
    why: WHY.selfHarm,
  },
  {
    id: 'isho',
    group: 'self-harm',
    forms: ['遺書', '死に場所', '死ぬ場所', '最期に'],
    why: WHY.method,
  },
  {
    id: 'kishinenryo',
    group: 'self-harm',
    forms: ['希死念慮', '自殺念慮', '自殺企図', '自傷行為', '自殺未遂'],
    why: WHY.professional,
  },

  // ---- emergencies ---------------------------------------------------------------------------------
  {
    id: 'kyukyu',
    group: 'emergency',
    forms: ['救急', 'きゅうきゅう', '119', '救命'],
    // 救急箱・救急セット: a first-aid kit.
    except: ['救急箱', '救急セット'],
    why: WHY.emergency,
  },
  {
    id: 'taoreta',
    group: 'emergency',
    forms: ['倒れ', 'たおれ'],
    // 共倒れ: a figure of speech; 倒れ込む is flagged all the same.
    except: ['共倒れ', 'ともだおれ'],
    why: WHY.emergency,
  },
  {
    id: 'ishiki',
    group: 'emergency',
    forms: ['意識がない', '意識が無い', '意識がなく', '意識不明', '意識が戻らない', '意識がもうろう', '意識が朦朧', 'いしきがない', '息をしていない', '息をしてない', '息してない', '呼吸が止', '呼吸がおかしい', '息ができない', '息が苦しい', '呼びかけに反応'],
    why: WHY.emergency,
  },
  {
    id: 'hossa',
    group: 'emergency',
    forms: ['発作', 'ほっさ', 'けいれん', '痙攣', 'ひきつけ'],
    why: WHY.emergency,
  },
  {
    id: 'jiko',
    group: 'emergency',
    forms: ['事故', 'じこにあ', 'じこった', 'はねられ', '撥ねられ', '轢かれ', '車にひかれ'],
    // A train or road delay given as the reason for being late, not an accident the sender is in.
    except: ['人身事故', '事故の影響', '事故で電車', '事故で遅', '事故渋滞', '事故のため遅', '事故による遅', '事故で運転見合わせ'],
    why: WHY.emergency,
  },
  {
    id: 'kega',
    group: 'emergency',
    forms: ['怪我', 'けが', '骨折', '頭を打', '頭打', '血が止まらない', '血がとまらない', '血だらけ', '大量の血', '大やけど'],
    except: [...KEGA_EXCEPT, '頭打ち'],
    why: WHY.emergency,
  },
  {
    id: 'kyuhen',
    group: 'emergency',
    forms: ['急変', '搬送', '緊急入院'],
    why: WHY.professional,
  },
  {
    id: 'tasukete',
    group: 'emergency',
    forms: ['助けて', 'たすけて', 'sos'],
    // 「助けてくれた」「助けてもらった」: someone helped (thanks), not a call for help.
    except: ['助けてくれた', '助けてくれて', '助けてくれる', '助けてくれま', '助けてもら', '助けていただ', '助けてあげ', 'たすけてくれた', 'たすけてくれて', 'たすけてくれる', 'たすけてもら', 'たすけていただ'],
    why: WHY.sos,
  },

  // ---- violence and abuse --------------------------------------------------------------------------
  {
    id: 'naguru',
    group: 'violence',
    forms: ['殴ら', '殴っ', '殴る', '殴り', '殴れ', 'なぐられ', 'なぐる', 'なぐっ'],
    except: ['殴り書き', 'なぐりがき'],
    why: WHY.abuseKinds,
  },
  {
    id: 'tataku',
    group: 'violence',
    forms: ['叩かれ', 'たたかれ', '蹴られ', '蹴っ', '突き飛ばされ', '首を絞め', '首をしめ', '首を締め', 'つねられ', '髪を引っ張られ'],
    why: WHY.abuseKinds,
  },
  {
    id: 'boryoku',
    group: 'violence',
    forms: ['暴力', 'ぼうりょく', '暴行', 'DV', '暴れ', 'あばれて', 'あばれる'],
    except: ['暴れん坊'],
    why: WHY.abuseKinds,
  },
  {
    id: 'gyakutai',
    group: 'violence',
    forms: ['虐待', 'ぎゃくたい', '性的', 'セクハラ', 'パワハラ', '無理やり', '無理矢理', 'むりやり', '触られ', 'さわられ', '閉じ込め', '監禁', '外に出してもらえな', '家から出してもらえな', '脅され', 'おどされ', '脅迫'],
    why: WHY.abuseKinds,
  },
  {
    id: 'okane-torareta',
    group: 'violence',
    forms: ['お金を取られ', 'お金をとられ', 'お金取られ', '給料を取られ', '年金を取られ', '通帳を取られ', '勝手に使われ', 'ご飯を食べさせてもらえ', '食事をもらえ'],
    why: WHY.abuseKinds,
  },
  {
    id: 'keisatsu',
    group: 'violence',
    forms: ['警察', 'けいさつ', '110番', '110ばん', '通報'],
    why: WHY.police,
  },

  // ---- running away, disappearance ----------------------------------------------------------------
  {
    id: 'inakunatta',
    group: 'missing',
    forms: ['いなくなっ', '居なくなっ', '姿が見えない', '姿が見当たらない'],
    why: WHY.missing,
  },
  {
    id: 'kaettekonai',
    group: 'missing',
    forms: ['帰ってこない', '帰って来ない', '帰ってこなく', '帰って来なく', '帰ってきてない', '帰ってきていない', '帰ってきません', '帰って来ません', 'かえってこない', 'かえってきてない', '戻ってこない', '戻って来ない', '帰宅していない', '帰宅してない'],
    why: WHY.missing,
  },
  {
    id: 'yukuefumei',
    group: 'missing',
    forms: ['行方不明', '行方がわからない', '行方が分からない', 'ゆくえふめい', '家出', '捜索願', '捜索', 'どこにいるかわからない', 'どこにいるか分からない', 'どこにいるのかわからない', 'どこにいるのか分からない'],
    // 家出ます・家出る: "(I) leave home (now)", said about a commute.
    except: ['家出ま', '家出る', '家出た', '家出て', '家出れ', '家出よ', '家出ら'],
    why: WHY.missing,
  },
  {
    id: 'renraku-tsukanai',
    group: 'missing',
    forms: ['連絡がつかない', '連絡がとれない', '連絡が取れない', '連絡つかない', '連絡とれない', '連絡取れない', '連絡がつかなく', '連絡が取れなく', '連絡がとれなく', '連絡が取れず', '連絡がとれず', '連絡取れず', '連絡がつかず', '連絡つかず', '連絡が取れません', '連絡がとれません', '連絡がつきません'],
    why: WHY.missing,
  },
];

export const DEFAULT_URGENT_LIST: UrgentListDefinition = { groups: DEFAULT_GROUPS, expressions: DEFAULT_EXPRESSIONS };
