import type { RoleFamily } from '../../schema/index.ts';

/**
 * Is this posting a peer support role, and which family? Broad searches for "peer" bring back
 * peer review nurses, physician peer reviewers, peer tutors and breastfeeding peer counselors;
 * searches for "recovery" bring back disaster-recovery engineers and asset-recovery agents.
 * The title decides; the description only settles titles that are ambiguous on their own
 * ("Peer Mentor", "Peer Counselor", "Recovery Specialist").
 */

export interface RoleResult {
  isPeerRole: boolean;
  roleFamily: RoleFamily | null;
}

/** Titles that use "peer" or "recovery" for something else. */
const NOT_PEER_TITLE =
  /\bpeer[- ]?review|\bpeer[- ](?:mediat\w*|learning|benchmark\w*|comparison|assistance|academic|writing|career|research\w*|instruct\w*|teach\w*|health exchange)\b|\breviewer\b|\bpeer[- ]tutor|\btutor\b|\bpeer[- ]to[- ]peer\b|\bbreast[- ]?feeding\b|\blactation\b|\bwic\b|\bpeer educator\b.*\b(?:sexual|hiv|health education|campus|university|college)\b|\b(?:disaster|data|asset|cost|revenue|debt|loss|business|it|systems?|claims?|payment|account|financial)\s+recovery\b|\brecovery\s+(?:auditor|analyst|agent|engineer|specialist,?\s+(?:revenue|claims|asset|collections|payment))\b|\bcollections?\b|\bcoder\b|\bcoding\b|\butilization\b|\bmedical director\b|\bphysician\b|\b(?:rn|lpn|lvn|registered nurse|nurse|np|psychiatrist|psychologist|pharmacist)\b/i;

/**
 * Research and teaching titles ("Research Assistant - Peer Support Study", "Peer Support
 * Researcher"): studying or teaching peer support is not doing it, unless the title also names a
 * peer's own job.
 */
const RESEARCH_TITLE = /\bresearch(?:ers?)?\b|\bstudy\b|\bevaluat(?:or|ion)\b|\bprofessor\b|\bfaculty\b|\blecturer\b|\bpost-?doc\w*/i;
/** Office trades that a "peer" word in the title does not make peer work ("Peer Group Analyst"). */
const OFFICE_TRADE_TITLE = /\b(?:accountant|accounting|analyst|clerk|secretary|receptionist|fiscal|budget|payroll|data|programmer|developer|engineer|attorney|lawyer|paralegal|billing|actuar\w*|underwriter|auditor)\b/i;
/** A clinical or director title: with a licence required in the text it is no peer job (issue 9, role). */
const CLINICAL_LEAD_TITLE = /\b(?:clinical|clinician|director|therapist|psychotherapist)\b/i;
const LICENCE_NAMED_REQUIRED =
  /\b(?:LCSW|LPC|LMHC|LMFT|LCPC|LCADC|LISW|LICSW|LCMHC|LPCC|licensed (?:clinical|professional|independent|marriage|mental health)|(?:license|licensure) (?:is )?required)\b/i;

/** "Support, Time and Recovery Worker": a UK clinical support grade with no lived-experience condition. */
const STR_TITLE = /\bsupport,? time,? (?:and|&) recovery\b/i;
/** Licensed clinical trades in a title. */
const LICENSED_TITLE = /\b(?:rn|lpn|lvn|registered nurse|nurse|nurse practitioner|np|psychiatrist|psychologist|pharmacist|physician|lcsw|lpc|lmhc|lmft|therapist)\b/i;
/** A peer's own job title: "Peer Support Specialist", "Peer Recovery Coach", "Recovery Coach". */
const PEER_JOB_TITLE = /\bpeer (?:support |recovery )?(?:specialist|coach|worker|mentor|advocate|navigator|partner|counsel(?:or|lor)|supporter|bridger|companion)s?\b|\brecovery coach(?:es)?\b|\bcertified peer\b/i;
/** Titles that are peer work on their own. */
const PEER_TITLE =
  /\bpeers?\b(?!\s*(?:review|tutor|reviewer|to[- ]peer))|\brecovery\s+(?:coach|support|specialist|advocate|mentor|navigator|ally|peer|companion|guide|worker|liaison)\b|\b(?:parent|family)\s+(?:partner|peer|support\s+partner)\b|\bcertified\s+(?:addiction\s+)?recovery\b|\b(?:cprs|crps|cpss|crpa|ncprss|cfps|ypa|fpa|crss|carc|prss|cpsw|crsw|cprc|cprm)\b|\b(?:de|entre|por)\s+pares\b|\bbridger\b|\blived\s+experience\b|\b(?:substance use|sud|addiction|opioid|overdose)\s+navigators?\b|\bcommunity\s+health\s+worker\b.*\bpeer\b|\bwellness\s+(?:coach|specialist)\b.*\bpeer\b/i;

/** Ambiguous titles whose description decides. */
const AMBIGUOUS_TITLE = /\bpeer\s+(?:mentor|counselor|counsellor|(?:health\s+|wellness\s+|prevention\s+)?educator|advocate|leader|coach|advisor|adviser|ambassador)s?\b|\brecovery\s+specialist\b|\bpeer\s+(?:support\s+)?(?:worker|assistant)\b|\b(?:family|parent)\s+advocate\b/i;
/**
 * Titles that name a peer only loosely: a campus or HIV-prevention "Peer Educator", a child-welfare
 * or Head Start "Family Advocate". Behavioural-health words are not enough for them: the text must
 * hire by lived experience or a peer credential.
 */
const LOOSE_PEER_TITLE = /\bpeer\s+(?:(?:health|wellness|prevention)\s+)?educators?\b|\b(?:family|parent)\s+advocate\b/i;
const LIVED_EVIDENCE =
  /\b(?:lived experience|lived expertise|personal experience (?:with|of|in)|own experience (?:with|of)|first-?hand experience|directly impacted|in recovery|personal recovery|own recovery|recovery journey|peer support (?:specialist|services|certification|training)|certified peer|family peer|parent partner|parent peer|years? of (?:continuous |sustained )?(?:recovery|sobriety)|experience as an? (?:primary |former |current )?(?:consumer|recipient) of (?:public |private )?(?:mental|behaviou?ral|psychiatric|substance)|self[- ]identif\w* as an? (?:primary )?consumer|certified recovery (?:support )?(?:specialist|coach|mentor)|certified (?:addiction )?recovery coach|certified peer counsel(?:or|lor)|(?:prss|cprs|crps|cpss|crpa|ncprss|cfps|fps|cpsw|crsw|crss|carc|cprm|cps)\b)/i;
/**
 * Titles of jobs peer-run programs often hire peers into under a plain name ("Respite Worker",
 * "Warmline Specialist"): peer work only when the text hires by lived experience or says the
 * organisation is peer-run (see classifyRole).
 */
const INDIRECT_PEER_TITLE = /\b(?:respite|warm\s?line|help\s?line|support line|hotline)\b/i;
const PEER_RUN = /\b(?:peer|consumer)[- ](?:run|operated|led)\b/i;
/** The line itself is a peer service: "a free, nationwide peer-support service", "callers connect with peers". */
const PEER_LINE = /\bpeer[- ]support (?:service|line|helpline|help line|warm\s?line|hotline|chat)\b|\b(?:connect|talk|speak|chat) with (?:a )?peers?\b/i;
/**
 * "Recovery Worker" alone is also the drug-and-alcohol keyworker grade of UK and Australian
 * services (087's Support, Time and Recovery worker is one): a peer role only when the text hires
 * by lived experience or names peer work.
 */
const RECOVERY_WORKER_TITLE = /\brecovery workers?\b/i;
/**
 * Loose titles that lived-experience programs give peers ("Mentor", "Veteran Mentor", "Mental
 * Health Advocate", "Consumer Advocate"). Peer work only when the text hires by lived experience
 * or calls the hire a peer mentor, in a behavioural-health setting, with no licence; youth,
 * campus and legal or victim advocacy stay out (NOT_PEER_ADVOCATE, NON_BEHAVIORAL_CONTEXT).
 */
const LOOSE_MENTOR_TITLE = /\bmentors?\b|\b(?:mental health|behavioral health|behavioural health|consumer|wellness|recovery support)\s+advocates?\b/i;
const NOT_PEER_ADVOCATE = /\b(?:victim|domestic|violence|sexual|assault|legal|patient|ombuds\w*|child(?:ren)?|youth|student|academic|court appointed|casa|housing|tenant|benefits?|immigra\w*|education|business|sales|career|faculty|teacher|tutor|coach(?:ing)? mentor)\b/i;
/** The text gives the job peer support as its work ("offers clients a range of peer support and advocacy"). */
const PEER_SUPPORT_GIVEN = /\b(?:provid|giv|offer|deliver)\w* (?:[\w-]+ ){0,8}?peer (?:support|mentoring|counsel\w*)\b|\b(?:represent|promot|convey)\w* [^.\n]{0,40}\bconsumers?'? (?:perspective|voice)\b/i;
const PEER_MENTOR_TEXT = /\bpeer[- ]mentors?\b|\bpeer[- ]to[- ]peer mentor|\bmentor(?:s|ing)? (?:their |other |fellow )?(?:peers|fellow (?:veterans|participants|residents))\b/i;
/**
 * The text makes lived experience of mental illness, substance use or recovery a condition of
 * hire ("must have lived experience of recovery", "self-identifies as a person in recovery",
 * "personal experience with mental health challenges is required"): the defining mark of a peer
 * role whatever its title (docs/decisions/086).
 */
const LIVED_REQUIRED =
  /\b(?:must|required to|requires?|applicants? (?:must|will)|candidates? (?:must|will))\b[^.\n]{0,60}\b(?:lived|personal|first-?hand) (?:experience|expertise)\b[^.\n]{0,50}\b(?:mental (?:health|illness)|psychiatric|substance|addiction|recovery|co-?occurring)|\b(?:lived|personal|first-?hand) (?:experience|expertise) (?:of|with|in) [^.\n]{0,60}\b(?:mental (?:health|illness)|psychiatric|substance|addiction|recovery)\b[^.\n]{0,30}\b(?:is |are )?(?:required|a must|a requirement|necessary|essential)\b|\bself[- ]identif\w* as (?:a person |an individual |someone |being )?(?:in recovery|having (?:a )?(?:serious )?(?:mental|psychiatric|substance)|with (?:a )?(?:lived|mental|psychiatric))/i;
/**
 * Time in recovery as a condition of hire ("must be in recovery", "must have a minimum of two years
 * of recovery", "one year of sobriety required"): run on windows around "recovery"/"sobriety".
 */
const RECOVERY_TIME_REQUIRED =
  /\b(?:must|required to|shall) be in (?:long[- ]term |sustained |stable |active |personal )?recovery\b|\b(?:must|required to|shall) (?:have|demonstrate|maintain) (?:at least |a minimum of |minimum of |no less than )?(?:\w+ ){0,2}(?:years?|months?) of (?:continuous |sustained |stable )?(?:recovery|sobriety)\b|\b(?:years?|months?) of (?:continuous |sustained )?(?:recovery|sobriety) (?:is |are )?required\b/i;
const RECOVERY_NEEDLES = /ecovery|obriety/g;
/** Lived experience as a user of services made a condition ("experience as a primary consumer of mental health services is required"). */
const CONSUMER_REQUIRED = /\bself[- ]identif\w* as an? (?:primary )?(?:consumer|recipient|survivor) of (?:public |private )?(?:mental|behaviou?ral|psychiatric|substance)|\bexperience as an? (?:primary |former |current )?(?:consumer|recipient) of (?:public |private )?(?:mental health|behaviou?ral health|psychiatric|substance use|addiction) services\b[^.\n]{0,80}\b(?:required|a must|a requirement|necessary|essential)\b/i;
/**
 * Lived experience as a bare line of a requirements list ("- Lived experience of recovery from
 * mental illness"): a condition of hire unless the list is a preferred one (see requiredInList).
 */
const LIVED_LIST_LINE = /^[ \t]*(?:[•*·▪-][ \t]*)?(?:lived (?:experience|expertise)|personal (?:lived )?experience|personal recovery)\b[^\n]{0,100}\b(?:mental|psychiatric|substance|addiction|recovery)[^\n]*/i;
/**
 * A peer credential the job requires ("CPSS certification (must maintain post-hire)", "must obtain
 * peer recovery specialist certification within six months"). Bare "CPS" is left out: it is also
 * Child Protective Services.
 */
const PEER_CREDENTIAL_REQUIRED =
  /\b(?:certified peer (?:support |recovery )?specialist|certif\w* as an? (?:certified )?peer (?:support |recovery )?(?:specialist|coach|mentor|worker|supporter)|peer (?:support |recovery )?specialist (?:certification|credential)|peer (?:support|recovery)(?: support)? (?:specialist )?certification|certified recovery (?:support )?(?:specialist|coach|mentor)|certified (?:addiction )?recovery coach|certified peer counsel(?:or|lor)|cpss|cprs|crps|crpa|ncprss|prss|cprc|cpsw|crss|crsw|carc|cprm)\b(?!s\b)[^.\n;]{0,50}\b(?:required|must|within (?:\d+|one|six|twelve|eighteen) (?:months|days|year)|upon hire|post-hire|condition of employment)|\b(?:must|required to) (?:have|hold|obtain|be|become|maintain|complete|earn)\b[^.\n]{0,50}\b(?:certified peer|peer (?:support|recovery)(?: support)? (?:specialist )?certification|certified recovery (?:support )?(?:specialist|coach|mentor)|certified (?:addiction )?recovery coach|cpss|cprs|crps|crpa|ncprss|prss|crss|crsw|carc|cprm)\b/i;
/**
 * The job is to use one's own lived experience ("use your lived experience of recovery to support
 * others", "draw on their own lived experience"): the hire is defined by it (DOMAIN.md). Not when
 * the sentence only welcomes it (SOFTENED in the words before).
 */
const USES_LIVED = /\b(?:us(?:e|es|ing)|draw(?:s|ing)? (?:on|upon|from)|leverag\w*|apply(?:ing)?) (?:your|their|his or her|one's|her|his) (?:own )?(?:lived|personal) (?:experience|expertise)\b/i;
/**
 * The organisation says all its staff have lived experience ("every member of staff has personal
 * lived experience of distress", "a lived-experience-led charity", "staffed entirely by people with
 * lived experience"): its front-line jobs are peer work whatever their title.
 */
const STAFF_LIVED =
  /\b(?:every|each of our|all(?: of)?(?: our)?)\s+(?:member of (?:our )?staff|staff(?: members?)?|employees?|team members?|workers)\b[^.\n]{0,80}\b(?:ha(?:s|ve)|brings?|with|share) (?:their own |personal |own )?(?:lived|personal) experience\b|\blived[- ]experience[- ]led\b|\b(?:staffed|run|led|delivered) (?:entirely |wholly |solely )?by (?:people|individuals|staff|peers) with (?:their own )?lived experience\b/i;
/**
 * Posts that ask people with lived experience to sit on a governance, advisory or consultation
 * group ("Lived Experience Representatives", "Consumer Advisory Council member"): systemic
 * participation, not peer support work. An expression of interest for a worker's post is still a job.
 */
const ADVISORY_TITLE =
  /\b(?:lived experience|consumer|carer|service user|patient) (?:and carer )?(?:representatives?|panel(?:ists?)?|advis(?:ors?|ers?|ory)|committee|council|reference group|board members?|co-?design\w*)\b/i;
/**
 * A bare "Peer" title (a campus "Mental Health Peer") where the people served are students on a
 * campus: trained student peer helpers, not peer support workers, unless the text hires by lived
 * experience.
 */
const BARE_PEER_TITLE = /\bpeers?\b/i;
const STUDENTS_SERVED = /\b(?:help|support|serv|assist|offer|reach)\w* (?:\w+ ){0,3}?(?:fellow )?(?:students|undergraduates)\b/i;
const NOT_BARE_PEER_TITLE = /\bpeer (?:support|recovery|specialist|navigator|advocate|mentor|coach|worker)|\b(?:certified|recovery|youth|family|parent|veterans?|forensic|justice)\b/i;
/** Role words of a front-line job: a lived-experience requirement makes these peer work. */
/** Consumer-affairs titles mental-health systems give posts defined by lived experience of services. */
const CONSUMER_TITLE = /\bconsumer (?:affairs|advocacy|empowerment|liaison|relations)\b|\b(?:client|consumer) advocates?\b/i;
const FRONT_LINE_TITLE = /\b(?:specialist|worker|coach|mentor|advocate|navigator|guide|companion|ally|associate|liaison|facilitator|ambassador|partner|aide|representative|outreach|coordinator|supervisor|manager|lead)\b/i;
const LEAD_TITLE = /\b(?:coordinator|supervisor|manager|lead)\b/i;
/** Front-line role words other than the lead ones: "Recovery Navigator Lead" is a navigator's title. */
const FRONT_LINE_ONLY = /\b(?:specialist|worker|coach|mentor|advocate|navigator|guide|companion|ally|liaison|facilitator|ambassador|partner|aide|outreach)\b/i;
function peerWordIn(head: string): boolean {
  PEER_WORD.lastIndex = 0;
  const found = PEER_WORD.test(head);
  PEER_WORD.lastIndex = 0;
  return found;
}
/**
 * Titles the lived-experience hire rule leaves out: clinical and case-management trades and
 * directors. A navigator, coordinator, supervisor or manager hired by lived experience is a peer
 * navigator or the peer advancement path (DOMAIN.md), so CLINICAL_TITLE's words for those do not
 * apply to it.
 */
const NOT_LIVED_HIRE_TITLE = /\b(?:director|clinician|clinical|therapist|counsel(?:or|lor)|nurse|case manager|care manager|social worker|physician|psychiatrist|psychologist|technician|trainer|administrator)\b/i;
/** Unpaid posts and online-community moderation are not peer support jobs. */
const VOLUNTEER_TITLE = /\bvolunteers?\b|\bunpaid\b|\bmoderators?\b/i;
/**
 * The text says the post itself is unpaid or voluntary ("this role is voluntary", "the position is
 * unpaid", "to start voluntary work as a peer"): a volunteer post, a look-alike by ruling R5 even
 * when it asks for lived experience. "Paid or voluntary work experience" (a qualification) is not.
 */
const VOLUNTEER_NEEDLES = /olunt|unpaid/g;
const VOLUNTEER_TEXT =
  /\b(?:position|role|post|opportunity|placement) is (?:an? )?(?:unpaid|voluntary|volunteer)\b|\b(?:this is an?|this|the) (?:unpaid|voluntary|volunteer) (?:position|role|post|opportunity)\b|(?<!\bor |\band |\bpaid\/)\b(?:start|begin|undertake|gain) (?:\w+ ){0,2}?voluntary (?:supervised )?work\b|(?<!\b(?:or|and|paid|\/) )\bvoluntary supervised work\b/i;
const FAMILY_ADVOCATE_TITLE = /\b(?:family|parent)\s+advocates?\b/i;
/**
 * Family and youth titles wraparound and family-support programs give peers ("Family Navigator",
 * "Parent Support Provider", "Youth Support Partner"): peer work when the text hires by lived
 * experience or a peer credential; otherwise the other rules decide.
 */
const FAMILY_YOUTH_LOOSE_TITLE = /\b(?:family|parent)\s+(?:navigators?|support providers?|support partners?|resource partners?)\b|\byouth\s+(?:support\s+)?partners?\b/i;
/**
 * Looser family and youth titles ("Family Resource Facilitator", "Family Support Specialist",
 * "Youth Advocate", "Young Adult Mentor"): child-welfare, school and mentoring programs use them
 * too, so they are peer work only when the text ties the hire to lived experience of mental
 * health, substance use or the systems serving them, or names family / youth peer work (FY_LIVED).
 */
const FY_LOOSER_TITLE =
  /\b(?:family|parent)\s+(?:resource\s+facilitators?|support\s+specialists?|specialists?|mentors?|coaches?|liaisons?|allies|ally)\b|\b(?:youth|young\s+adult|transition[- ]age\s+youth|tay)\s+(?:advocates?|mentors?|specialists?|navigators?|coaches?|allies|ally|ambassadors?)\b/i;
const FY_LIVED =
  /\blived (?:experience|expertise)\b[^.\n]{0,80}\b(?:mental|behaviou?ral|emotional|psychiatric|substance|addiction|recovery|system of care|child[- ]serving)|\b(?:family|parent|youth) peer\b|\bpeer (?:support|specialist|credential|certification)\b|\b(?:cfps|fps|ypa|fpa|cprs|cpss|crpa)\b|\b(?:parent|caregiver|family member) of (?:a )?(?:child|youth|young (?:person|adult)|loved one)[^.\n]{0,60}\b(?:mental|behaviou?ral|emotional|substance|addiction)/i;
/** Titles of clinical and case-management jobs: peer words in their text describe colleagues. */
const CLINICAL_TITLE =
  /\b(?:director|clinician|clinical|therapist|counsel(?:or|lor)|nurse|case manager|social worker|physician|psychiatrist|psychologist|technician|navigator|manager|supervisor|trainer|administrator)\b/i;
/** The text says the holder does peer work: "provide peer support", "peer mentoring", "share your lived experience". */
const PEER_DUTY =
  /\b(?:provid\w* peer (?:support|mentoring|services)|giv\w* peer (?:support|mentoring)|peer mentoring|shar\w* (?:their|your|his or her) (?:own )?(?:lived|recovery|personal)|(?:your|their) own lived experience|as a peer\b|peer services? coordinat\w*|coordinat\w* (?:\w+ )?peer (?:support|services|specialists)|(?:in|within|joins?|for) (?:the|our|its) (?:Office|Division|Bureau|Unit|Department|Center|Centre|Program) (?:of|for) [\w ,&-]{0,40}?Peer (?:Support|Services|Recovery))/i;
/** Generic titles of office work (finance, IT, clerical, legal): not peer work whatever unit they sit in. */
const OFFICE_TITLE =
  /\b(?:accountant|accounting|analyst|clerk|clerical|secretary|assistant|receptionist|fiscal|budget|payroll|data|it|information technology|programmer|developer|engineer|attorney|lawyer|paralegal|driver|custodian|janitor|maintenance|billing|grants?)\b/i;
const PEER_WORD = /\bpeer (?:support|recovery|specialists?|services|mentor(?:ing|s)?|coordinators?|workers?)\b|\brecovery coach(?:es|ing)?\b/gi;
const LICENCE_REQUIRED =
  /\b(?:LCSW|LPC|LMHC|LMFT|LCPC|LCADC|LADC|licensed (?:clinical|professional|practical|vocational|mental|independent|marriage)|registered nurse|RN license|(?:license|licensure) (?:is )?required|master'?s degree (?:is )?required|master'?s (?:degree )?in social work)\b/i;

/**
 * A job under a generic title ("Behavioral Health Associate", "Advocacy Specialist 2") that the
 * text describes as peer work: the holder provides peer support or mentoring, the text names peer
 * work more than once, no licence or master's degree is required, and the title is not a
 * clinical or management one (whose text names peers as the team it leads).
 */
function peerWorkInText(title: string, head: string): boolean {
  if (CLINICAL_TITLE.test(title) || OFFICE_TITLE.test(title)) return false;
  // The count first: it is the cheapest scan and most look-alikes fail it.
  PEER_WORD.lastIndex = 0;
  let n = 0;
  while (n < 2 && PEER_WORD.exec(head) !== null) n++;
  PEER_WORD.lastIndex = 0;
  return n >= 2 && PEER_DUTY.test(head) && !LICENCE_REQUIRED.test(head);
}
/**
 * Behavioural-health context for an ambiguous title. Recovery programs describe their peer
 * mentors by sobriety and recovery time, peer credentials and recovery/treatment courts rather
 * than by "mental health" ("2 years of recovery", "1 year of sobriety", "PRSS certification",
 * "residential recovery program"), so those count as well as the clinical words.
 */
const BEHAVIORAL_CONTEXT =
  /\b(?:lived experience|in recovery|recovery journey|mental health|substance use|substance abuse|addiction|behavioral health|psychiatric|co-?occurring|sud\b|opioid|wellness recovery action plan|wrap\b|peer support|certified peer|recovery coach|sobriety|sober|clean time|(?:years?|months?) of (?:continuous |sustained |stable )?(?:recovery|sobriety)|peer recovery|recovery (?:court|program|residence|residences|center|community|housing|home)|(?:drug|treatment|dui|dwi|veterans(?: treatment)?) court|court[- ]supervised treatment|treatment program|alcohol(?:ism)?\b|(?:prss|cprs|crps|cpss|crpa|ncprss|crss|carc|crs|cps|crsw|cpsw)\b)/i;
/** Words of treatment programmes that name no condition: "any sign of relapse", "the aftercare stage". */
const RELAPSE_CONTEXT = /\b(?:relapse\w*|after-?care)\b/i;
const NON_BEHAVIORAL_CONTEXT =
  /\b(?:tutoring|homework|academic (?:support|success)|course ?work|breastfeeding|lactation|wic program|enrolled (?:student|in)|work-study|gpa\b|semester|credit hours|campus|first-year students?|residence halls?|undergraduates?|academic advising|student success|financial aid|class schedules?|college students?|university students?|fellow students|gpa)\b/i;

/**
 * Peer titles the campus check leaves alone: a peer support / recovery / specialist title, a
 * credential, or a family, youth, justice or veteran peer title is never a campus helper's.
 */
const STRONG_PEER_TITLE = /\bpeer (?:support|recovery|specialist)|\brecovery\b|\bcertified\b|\b(?:family|youth|parent|forensic|justice|veterans?|cprs|crps|cpss|crpa|prss|crss|crsw|carc)\b/i;

/**
 * Workplace peer support: employers train staff to support their own colleagues after critical
 * incidents (airlines, hospitals, police and fire departments, usually beside the EAP). The work
 * is not a peer support specialist's: the people served are coworkers, not people in recovery.
 * The title says so ("Employee Peer Support Program", "Officer Wellness"), or the text does while
 * naming no clients, patients or lived experience.
 */
const WORKPLACE_PEER_TITLE = /\b(?:employee|staff|workforce|officer|firefighter|first[- ]responder|clinician|caregiver)\s+(?:peer|wellness|well-being|resilience)\b|\bcritical incident\b|\bemployee assistance\b/i;
const WORKPLACE_PEER_TEXT =
  /\b(?:critical incident (?:stress|peer|support|response)|peer support (?:team|program|network)?\s?for (?:our |department |agency )?(?:employees|officers|coworkers|co-workers|colleagues|firefighters|dispatchers|first responders|staff|team members|caregivers|clinicians|nurses|physicians|providers|health ?care workers)|support(?:s|ing)? (?:their |our )?(?:coworkers|co-workers|colleagues|fellow (?:employees|officers|firefighters|staff))|sworn (?:officers?|sergeant|personnel|members?))\b/i;
const CLIENT_CONTEXT =
  /\b(?:lived experience|in recovery|recovery from|substance use|people (?:in|with|living|who)|participants|clients|patients|guests|consumers|residents|individuals (?:with|in|who|experiencing))\b/i;

/** A title with none of a peer specialist's own role words (PROGRAM_TITLE, SUPPORTER_TITLE). */
const NO_PEER_ROLE_WORD = '^(?!.*\\b(?:specialist|recovery|certified|family|youth|parent|forensic|justice|veterans?|navigator|bridger|advocate|coach|worker|partner|mentor)\\b)';
/**
 * The titles workplace programs use ("Peer Support Coordinator", "Peer Support Program Manager"):
 * peer support with no word of a peer specialist's own role. Only these are read for it.
 */
const PROGRAM_TITLE = new RegExp(`${NO_PEER_ROLE_WORD}.*\\bpeer support\\b`, 'i');
/**
 * An employer's staff scheme whose peer supporters help colleagues with their work: "people
 * struggling with work, personal or mental health challenges", "challenges regarding work". Read
 * for bare "peer supporter(s)" / "peer support" titles whose text names no clients or patients.
 */
const SUPPORTER_TITLE = new RegExp(`${NO_PEER_ROLE_WORD}.*\\bpeer support(?:ers?)?\\b`, 'i');
const WORK_STRUGGLE = /\b(?:struggl\w*|challenges?|stress(?:ors)?|difficult(?:y|ies)|problems?) (?:with|at|regarding|in) (?:their )?work(?:place)?\b(?! (?:with|for) (?:clients|patients|participants))/i;
const SERVED_PEOPLE = /\b(?:clients|patients|participants|consumers|residents|guests|service users|members of the public)\b/i;
/** Substrings every WORKPLACE_PEER_TEXT match holds: most descriptions skip the regex scan. */
function mayBeWorkplacePeer(text: string): boolean {
  return text.includes('ncident') || text.includes('worn ') || text.includes('orkers') || text.includes('olleague') || text.includes('ellow ') || text.includes('port for') || text.includes('team for') || text.includes('ram for') || text.includes('etwork for');
}

const SUPERVISOR = /\b(?:supervisor|supervising|coordinator|manager|director|lead|team lead|program manager|administrator|chief|head of)\b/i;
const FAMILY = /\b(?:family|parent|caregiver)\b/i;
const YOUTH = /\b(?:youth|young adult|adolescent|teen|tay)\b/i;
const FORENSIC = /\b(?:forensic|justice|re-?entry|jail|corrections?|correctional|court|detention|probation|parole)\b/i;
const VETERAN = /\bveterans?\b/i;
const VETERAN_EMPLOYER = /\b(?:veterans affairs|veterans health|\bva\b|vha)\b/i;
const NAVIGATOR = /\b(?:navigator|bridger|liaison|outreach|linkage)\b/i;
const CERTIFIED = /\bcertified\s+peer\b|\bcps\b/i;
const RECOVERY = /\brecovery\b|\bcprs\b|\bcrps\b|\bcrpa\b|\bcarc\b|\bcrs\b/i;

/** Family within peer work, from the title (and employer, for VA roles). Most specific first. */
function familyOf(title: string, employer: string): RoleFamily {
  if (SUPERVISOR.test(title)) return 'peer_supervisor';
  if (FAMILY.test(title)) return 'family_peer_advocate';
  if (YOUTH.test(title)) return 'youth_peer_advocate';
  if (FORENSIC.test(title)) return 'forensic_peer_specialist';
  if (VETERAN.test(title) || VETERAN_EMPLOYER.test(employer)) return 'veteran_peer_specialist';
  if (NAVIGATOR.test(title)) return 'peer_navigator';
  if (CERTIFIED.test(title) && !RECOVERY.test(title)) return 'certified_peer_specialist';
  if (RECOVERY.test(title)) return 'peer_recovery_specialist';
  return 'peer_support_specialist';
}

export interface RoleInput {
  title: string;
  employer?: string | null | undefined;
  /** Plain text of the description. */
  text?: string | null | undefined;
}

/** A loose mentor or advocate title the text defines as lived-experience peer work (LOOSE_MENTOR_TITLE). */
function looseMentorPeer(title: string, head: string, employer: string): boolean {
  if (!LOOSE_MENTOR_TITLE.test(title) || NOT_PEER_ADVOCATE.test(title) || CLINICAL_TITLE.test(title) || OFFICE_TITLE.test(title)) return false;
  if (!(PEER_MENTOR_TEXT.test(head) || LIVED_EVIDENCE.test(head) || PEER_SUPPORT_GIVEN.test(head)) || LICENCE_REQUIRED.test(head)) return false;
  if (!(BEHAVIORAL_CONTEXT.test(head) || BEHAVIORAL_CONTEXT.test(employer))) return false;
  return !NON_BEHAVIORAL_CONTEXT.test(head) || /lived experience|in recovery/i.test(head);
}

/** A front-line title whose text hires by lived experience (LIVED_REQUIRED), with no licence. */
function livedExperienceHire(title: string, head: string): boolean {
  const consumer = CONSUMER_TITLE.test(title);
  if (!(consumer || FRONT_LINE_TITLE.test(title)) || NOT_LIVED_HIRE_TITLE.test(title) || OFFICE_TITLE.test(title) || (!consumer && NOT_PEER_ADVOCATE.test(title))) return false;
  // Every pattern below needs one of these words; most look-alikes have none and skip the scans.
  // A coordinator, supervisor, manager or lead hired by lived experience is the peer advancement
  // path only when the text names peer work (a housing manager who must have lived experience is not).
  if (!consumer && LEAD_TITLE.test(title) && !FRONT_LINE_ONLY.test(title) && !peerWordIn(head)) return false;
  if (!LIVED_GATE.test(head) || !(livedCondition(head) || (DEFINED_GATE.test(head) && titleDefinedByLived(title, head) && BEHAVIORAL_CONTEXT.test(head)))) return false;
  return !LICENCE_REQUIRED.test(head);
}
/**
 * The text defines the holders of the title by lived experience or as peers: "Bridge coaches with
 * lived experience of addiction help patients ...", "our navigators are certified peer
 * specialists", "Navigators are people in recovery". The subject is the title's own role word
 * (so "works with individuals with lived experience" — the people served — does not count), and
 * the experience is of mental health or substance use.
 */
function titleDefinedByLived(title: string, head: string): boolean {
  const words = title.toLowerCase().match(ROLE_NOUN);
  const noun = words?.[words.length - 1];
  if (noun === undefined) return false;
  const stem = noun.replace(/(?:es|s)$/, '');
  if (!head.includes(stem.slice(1))) return false;
  let re = DEFINED_BY_LIVED.get(stem);
  if (re === undefined) {
    re = definedByLived(stem);
    DEFINED_BY_LIVED.set(stem, re);
  }
  const m = re.exec(head);
  if (m === null) return false;
  // "... are encouraged to apply", "... is preferred": a welcome, before or right after the words.
  const after = head.slice(m.index + m[0].length, m.index + m[0].length + 60).split(/[.;\n]/)[0] ?? '';
  if (SOFTENED.test(sentenceBefore(head, m.index)) || SOFTENED.test(m[0]) || SOFTENED.test(after)) return false;
  return m[1] === undefined || BH_LIVED.test(m[1]);
}
/** Every definedByLived match holds one of these. */
const DEFINED_GATE = /ived experience|ersonal experience|eer (?:s|r|w|m|c)|n recovery/;
const DEFINED_BY_LIVED = new Map<string, RegExp>();
function definedByLived(stem: string): RegExp {
  return new RegExp(`\\b${stem}(?:e?s)?,? (?:(?:are|is|must be) )?(?:(?:all |each |themselves )?(?:an? )?(?:people|persons?|individuals?|someone|adults?) )?(?:(?:with|who (?:have|has|bring|share)) (?:their own |personal |own )?(?:lived|personal) experience (?:of|with|in) ([^.;\\n]{0,80})|(?:(?:are|is) )?(?:an? )?(?:certified |trained )?peer (?:support |recovery )?(?:specialists?|supporters?|workers?|mentors?|coaches?)\\b|(?:are|is) (?:people |individuals |persons? )?in (?:long[- ]term )?recovery\\b)`, 'i');
}
const ROLE_NOUN = /\b(?:specialists?|workers?|coach(?:es)?|mentors?|advocates?|navigators?|guides?|companions?|allies|ally|liaisons?|facilitators?|ambassadors?|partners?|aides?|outreach)\b/g;
/** Substrings one of which every pattern of livedCondition needs: most look-alikes skip the scans. */
const LIVED_GATE = /ived|ersonal|dentif|onsumer|ecipient|irst-?hand|eer |EER |PSS|PRS|RPS|RPA|PRC|PSW|RSS|RSW|ARC|PRM|pss|prs|ertified|n recovery|f recovery|f sobriety/;
/** The text makes lived experience (or a peer credential) a condition of hire. */
function livedCondition(head: string): boolean {
  const m = LIVED_REQUIRED.exec(head);
  // "Personal experience with recovery is preferred but not required" is a welcome, not a condition.
  if (m !== null && !SOFTENED.test(m[0])) return true;
  if (head.includes('onsumer') || head.includes('ecipient') || head.includes('urvivor')) {
    const k = CONSUMER_REQUIRED.exec(head);
    if (k !== null && !SOFTENED.test(k[0])) return true;
  }
  // Also a condition of hire: a required peer credential, using one's own lived experience in the
  // work, a lived-experience line of a requirements list, or an organisation whose whole staff
  // has lived experience (in a behavioural-health service).
  const c = nearNeedles(head, CREDENTIAL_NEEDLES, 90, 130, PEER_CREDENTIAL_REQUIRED);
  if (c !== null && !SOFTENED.test(c[0])) return true;
  const u = nearNeedles(head, LIVED_NEEDLES, 60, 40, USES_LIVED);
  if (u !== null && !SOFTENED.test(sentenceBefore(head, u.index)) && livedOfBehavioralHealth(head, u.index + u[0].length, /lived/i.test(u[0])) && BEHAVIORAL_CONTEXT.test(head)) return true;
  if (head.includes('ecovery') || head.includes('obriety')) {
    const r = nearNeedles(head, RECOVERY_NEEDLES, 100, 30, RECOVERY_TIME_REQUIRED);
    if (r !== null && !SOFTENED.test(r[0])) return true;
  }
  const l = livedListLine(head);
  // A list line is short; a paragraph that starts with the words is about-us text.
  if (l !== null && l[0].length <= 180 && !SOFTENED.test(l[0]) && requiredInList(head, l.index)) return true;
  return nearNeedles(head, STAFF_NEEDLES, 170, 30, STAFF_LIVED) !== null && BEHAVIORAL_CONTEXT.test(head);
}
/**
 * The patterns below are anchored on a few words ("lived", "personal", a peer credential): they
 * run on a window around each occurrence rather than over the whole text, which is most of the
 * cost on a text with none. `before` and `after` bound how far a match reaches from its word.
 */
const CREDENTIAL_NEEDLES = /eer |EER |PSS|PRS|RPS|RPA|PRC|PSW|RSS|RSW|ARC|PRM|pss|prs|ertified|ERTIFIED/g;
const LIVED_NEEDLES = /ived |IVED |ersonal |ERSONAL /g;
const STAFF_NEEDLES = /ived[- ][Ee]xperience|IVED EXPERIENCE/g;
function nearNeedles(head: string, needles: RegExp, before: number, after: number, re: RegExp): RegExpExecArray | null {
  let windows = 0;
  needles.lastIndex = 0;
  for (let n = needles.exec(head); n !== null; n = needles.exec(head)) {
    // A text full of the word is cheaper to scan once.
    if (++windows > 24) return re.exec(head);
    const from = Math.max(0, n.index - before);
    const m = re.exec(head.slice(from, n.index + n[0].length + after));
    if (m !== null) {
      m.index += from;
      return m;
    }
  }
  return null;
}
/** LIVED_LIST_LINE on the lines that hold "lived" or "personal". */
function livedListLine(head: string): RegExpExecArray | null {
  LIVED_NEEDLES.lastIndex = 0;
  for (let n = LIVED_NEEDLES.exec(head); n !== null; n = LIVED_NEEDLES.exec(head)) {
    const i = n.index;
    const from = head.lastIndexOf('\n', i) + 1;
    if (i - from > 12) continue;
    let to = head.indexOf('\n', i);
    if (to < 0) to = head.length;
    const m = LIVED_LIST_LINE.exec(head.slice(from, to));
    if (m !== null) {
      m.index += from;
      return m;
    }
  }
  return null;
}
const BH_LIVED = /\b(?:mental|psychiatric|substance|addiction|drug|alcohol|recovery|suicid\w*|distress)\b/i;
/**
 * The experience named at `at` is of mental health or substance use: "lived experience of
 * recovery", or "lived experience" with no object; not "lived experience of homelessness" alone,
 * nor "personal experience of customer service".
 */
function livedOfBehavioralHealth(head: string, at: number, lived: boolean): boolean {
  const m = LIVED_OBJECT.exec(head.slice(at, at + 80));
  if (m === null) return lived;
  return BH_LIVED.test(m[1] ?? '');
}
const LIVED_OBJECT = /^ (?:of|with|in|around) ([^.;,\n]*?)(?: to | and (?:use|help|support)|[.;,\n]|$)/i;
/** The words of the sentence before `at` (up to 120 characters). */
function sentenceBefore(head: string, at: number): string {
  const s = head.slice(Math.max(0, at - 120), at);
  const cut = Math.max(s.lastIndexOf('.'), s.lastIndexOf('\n'), s.lastIndexOf('!'), s.lastIndexOf('?'));
  return cut < 0 ? s : s.slice(cut + 1);
}
const LIST_PREFERRED = /\b(?:preferred|desired|desirable|nice to have|a plus|bonus|ideal)\b/gi;
const LIST_REQUIRED = /\b(?:required|requirements?|minimum|must|essential|qualifications)\b/gi;
/** Is the list line at `at` under a required heading rather than a preferred one (last heading word before it wins)? */
function requiredInList(head: string, at: number): boolean {
  const before = head.slice(Math.max(0, at - 600), at);
  return lastIndex(LIST_REQUIRED, before) > lastIndex(LIST_PREFERRED, before);
}
function lastIndex(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let last = -1;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) last = m.index;
  return last;
}
const SOFTENED = /\b(?:not|prefer\w*|ideal\w*|a plus|welcome\w*|encourag\w*|helpful|desir\w*|may)\b/i;

const ODD_SPACE = /[^\S ]| {2}/;
/** Decides whether a posting is a peer role and its role family. */
export function classifyRole(input: RoleInput): RoleResult {
  const result = classifyByTitleAndText(input);
  // A post whose text says it is voluntary is no peer support job (R5). Read only for postings
  // found peer work, around the words "volunteer"/"voluntary"/"unpaid".
  if (result.isPeerRole && input.text) {
    const head = input.text.slice(0, 4000);
    if (nearNeedles(head, VOLUNTEER_NEEDLES, 60, 50, VOLUNTEER_TEXT) !== null) return { isPeerRole: false, roleFamily: null };
  }
  return result;
}

function classifyByTitleAndText(input: RoleInput): RoleResult {
  const raw = input.title;
  // Most titles are already single-spaced: the replace (and its new string) only when needed.
  const title = ODD_SPACE.test(raw) ? raw.replace(/\s+/g, ' ') : raw;
  const employer = input.employer ?? '';
  const text = input.text ?? '';
  if (NOT_PEER_TITLE.test(title) && !/\b(?:peer (?:support|recovery|specialist)|recovery coach)\b/i.test(title.replace(/\bpeer[- ]?review\w*/gi, ''))) {
    return { isPeerRole: false, roleFamily: null };
  }
  // "RN - Peer Support Program", "Psychologist, Peer Recovery Services": a licensed clinician in a
  // peer program is a look-alike; a peer's own job title beside a clinical word stays a peer role.
  if (LICENSED_TITLE.test(title) && !PEER_JOB_TITLE.test(title)) return { isPeerRole: false, roleFamily: null };
  if (title.includes('ime') && STR_TITLE.test(title) && !PEER_JOB_TITLE.test(title)) return { isPeerRole: false, roleFamily: null };
  if (WORKPLACE_PEER_TITLE.test(title)) return { isPeerRole: false, roleFamily: null };
  if (RESEARCH_TITLE.test(title) && !PEER_JOB_TITLE.test(title)) return { isPeerRole: false, roleFamily: null };
  // An unpaid volunteer post is not a peer support job.
  if (VOLUNTEER_TITLE.test(title)) return { isPeerRole: false, roleFamily: null };
  const head = text.slice(0, 4000);
  // Lived-experience representatives on governance or advisory groups are not peer support jobs.
  if (ADVISORY_TITLE.test(title) && !PEER_JOB_TITLE.test(title)) return { isPeerRole: false, roleFamily: null };
  // A campus "Mental Health Peer": a bare peer title serving students, with no lived-experience hire.
  if (BARE_PEER_TITLE.test(title) && !NOT_BARE_PEER_TITLE.test(title) && head.includes('tudent') && NON_BEHAVIORAL_CONTEXT.test(head) && STUDENTS_SERVED.test(head) && !LIVED_EVIDENCE.test(head)) {
    return { isPeerRole: false, roleFamily: null };
  }
  // "Family Advocate" without "peer": a family peer advocate only when the text hires by lived
  // experience or a peer credential (child-welfare and Head Start advocates are not).
  if (FAMILY_ADVOCATE_TITLE.test(title) && !/\bpeer\b/i.test(title)) {
    return LIVED_EVIDENCE.test(head) ? { isPeerRole: true, roleFamily: 'family_peer_advocate' } : { isPeerRole: false, roleFamily: null };
  }
  if (SUPPORTER_TITLE.test(title) && head.includes(' work') && WORK_STRUGGLE.test(head) && !SERVED_PEOPLE.test(head)) return { isPeerRole: false, roleFamily: null };
  if (PROGRAM_TITLE.test(title) && mayBeWorkplacePeer(head) && WORKPLACE_PEER_TEXT.test(head) && !CLIENT_CONTEXT.test(head)) {
    return { isPeerRole: false, roleFamily: null };
  }
  if (AMBIGUOUS_TITLE.test(title) && !/\b(?:peer (?:support|recovery|specialist)|certified|family|youth|young adults?|tay|transition[- ]age|parent|forensic|justice|veterans?|re-?entry)\b/i.test(title)) {
    // The title's own words count too ("Recovery Court Peer Mentor"), and so does the employer ("Recovery Kentucky").
    // Treatment programmes describe their mentors by relapse and aftercare rather than by "mental health".
    const behavioral = BEHAVIORAL_CONTEXT.test(head) || BEHAVIORAL_CONTEXT.test(employer) || BEHAVIORAL_CONTEXT.test(title) || RELAPSE_CONTEXT.test(head);
    if (!behavioral || (NON_BEHAVIORAL_CONTEXT.test(head) && !/lived experience|in recovery/i.test(head))) {
      return { isPeerRole: false, roleFamily: null };
    }
    if (LOOSE_PEER_TITLE.test(title) && !LIVED_EVIDENCE.test(head)) return { isPeerRole: false, roleFamily: null };
    return { isPeerRole: true, roleFamily: familyOf(title, employer) };
  }
  if (PEER_TITLE.test(title)) {
    if (!PEER_JOB_TITLE.test(title) && (OFFICE_TRADE_TITLE.test(title) || (CLINICAL_LEAD_TITLE.test(title) && LICENCE_NAMED_REQUIRED.test(head)))) return { isPeerRole: false, roleFamily: null };
    // "Peer Navigator - Financial Aid": campus text with no behavioural-health word at all.
    if (!STRONG_PEER_TITLE.test(title) && head.length > 0 && !BEHAVIORAL_CONTEXT.test(head) && !BEHAVIORAL_CONTEXT.test(title) && NON_BEHAVIORAL_CONTEXT.test(head)) return { isPeerRole: false, roleFamily: null };
    if (RECOVERY_WORKER_TITLE.test(title) && !/\bpeer|\blived\b/i.test(title) && !LIVED_EVIDENCE.test(head) && !peerWordIn(head)) return { isPeerRole: false, roleFamily: null };
    return { isPeerRole: true, roleFamily: familyOf(title, employer) };
  }
  if (FAMILY_YOUTH_LOOSE_TITLE.test(title) && LIVED_EVIDENCE.test(head) && !LICENCE_REQUIRED.test(head)) {
    return { isPeerRole: true, roleFamily: familyOf(title, employer) };
  }
  if (FY_LOOSER_TITLE.test(title) && !OFFICE_TITLE.test(title) && !LICENCE_REQUIRED.test(head) && FY_LIVED.test(head) && BEHAVIORAL_CONTEXT.test(head) && !NON_BEHAVIORAL_CONTEXT.test(head)) {
    return { isPeerRole: true, roleFamily: familyOf(title, employer) };
  }
  if (peerWorkInText(title, head)) return { isPeerRole: true, roleFamily: familyOf(title, employer) };
  if (looseMentorPeer(title, head, employer)) return { isPeerRole: true, roleFamily: familyOf(title, employer) };
  if (livedExperienceHire(title, head)) return { isPeerRole: true, roleFamily: familyOf(title, employer) };
  // A respite or warmline job hired for lived experience, or at a peer-run organisation; not a
  // clinician's or manager's post, and not one that asks for a licence.
  if (INDIRECT_PEER_TITLE.test(title) && !CLINICAL_TITLE.test(title) && !LICENCE_REQUIRED.test(head) && (LIVED_EVIDENCE.test(head) || PEER_RUN.test(head) || PEER_RUN.test(employer) || PEER_LINE.test(head))) {
    return { isPeerRole: true, roleFamily: familyOf(title, employer) };
  }
  return { isPeerRole: false, roleFamily: null };
}
