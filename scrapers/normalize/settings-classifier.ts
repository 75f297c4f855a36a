import { SETTINGS, type Setting } from '../../schema/index.ts';

/**
 * Multi-label setting classifier (docs/decisions/011). Each setting has phrases with a weight;
 * a phrase found in the title or employer name counts three times, one in the job's own duties
 * once, one in an about-us, benefits or EEO paragraph a fraction, and a negated one ("no jail
 * experience required", "not a crisis position") nothing. A setting is kept when its evidence
 * reaches 1.
 *
 * Speed: phrases are filed by their first two letters and tried only at word starts (see
 * findPhrases), so a 3 KB description costs tens of microseconds, not hundreds.
 */

interface Phrase {
  setting: Setting;
  source: string;
  weight: number;
  /** The first two letters every match starts with, when the source does not begin with them literally. */
  key?: string | undefined;
  /** Counts for hospital_ed instead when its sentence names a hospital ("inpatient treatment"). */
  hospitalAlias?: true | undefined;
  /**
   * Names something done where the job is even after a referral word: "a warm handoff to
   * treatment, including buprenorphine induction in the ED" starts the medication on the spot.
   */
  onSite?: true | undefined;
  /**
   * A second setting the phrase names at the same strength, in the description and only where its
   * sentence names no hospital: a free-standing psychiatric emergency service is a crisis unit too.
   */
  also?: Setting | undefined;
  /**
   * A second setting the phrase always names at the same strength (102): DOMAIN.md labels pretrial
   * services and a court's supervised release jail_police + specialty_court.
   */
  plus?: Setting | undefined;
}

/** Strong: names the setting outright. Normal: usually the setting. Weak: a hint that needs company. */
const STRONG = 1.5;
const NORMAL = 1;
const WEAK = 0.5;
/** Consumes its words and counts nothing (see the neutral phrases at the end of PHRASES). */
const NEUTRAL = 0;

function p(setting: Setting, weight: number, ...sources: string[]): Phrase[] {
  return sources.map((source) => ({ setting, source, weight }));
}

/** Case-insensitive phrases. Written as regex sources; word boundaries added around each. */
const PHRASES: readonly Phrase[] = [
  ...p('treatment_center', STRONG,
    'residential (?:treatment|rehab\\w*|program|facility|facilities|unit|setting|services|substance|addiction|recovery)',
    'in-?patient (?:rehab\\w*|detox\\w*|substance|addiction(?! (?:medicine )?consult)|chemical dependency|sud)',
    'detox(?:ification)? (?:center|unit|facility|program|services)',
    'withdrawal management', 'sub-?acute detox\\w*', 'social detox\\w*',
    // Not "rehabilitation treatment program": the VA's generic words for its psychosocial programs.
    '(?:addiction|substance (?:use|abuse)(?: disorders?)?|sud|drug and alcohol|alcohol and (?:other )?drugs?|aod|chemical dependency|rehab) treatment (?:centers?|facility|facilities|programs?)',
    'rehab(?:ilitation)? (?:center|facility)', 'short-term (?:residential|group living)',
    'asam (?:level )?3\\.\\d', 'therapeutic community', 'acute detox(?:ification)?',
    // ASAM's residential levels without the acronym: "a Level 3.5 program" (081).
    'levels? (?:of care )?3\\.[1-7]', 'domiciliary',
    // States' names for detox and stabilisation units: Florida's addiction receiving facilities,
    // Massachusetts' acute treatment and clinical stabilization services (081).
    'addiction receiving(?: facilit(?:y|ies)| cent(?:er|re)s?)?', 'acute treatment services', 'clinical stabili[sz]ation services'),
  // "Residential and non-residential programs", "residential or outpatient treatment": the
  // adjective shares its head noun with the words after it (as "inpatient" does below, 081).
  ...p('treatment_center', STRONG, 'residential(?=(?:,? (?:and|or|&)|,) (?:[\\w-]+ ){0,3}?(?:programs?|treatment|services|settings?|facilit(?:y|ies)|levels? of care|units?)\\b)'),
  ...p('treatment_center', NORMAL, 'residential', 'detox(?:ification)?', 'rehab'),
  // "Inpatient treatment" is a rehab's, unless the sentence names a hospital: "a psychiatric
  // hospital providing inpatient treatment" (see HOSPITAL_CONTEXT in scoreSentence).
  { setting: 'treatment_center', weight: STRONG, source: 'in-?patient treatment', hospitalAlias: true },
  // A treatment facility named in a sentence about a hospital is the hospital's unit ("the state
  // hospital also runs a maximum-security treatment facility").
  { setting: 'treatment_center', weight: STRONG, source: 'treatment (?:center|centre|facility|facilities)', hospitalAlias: true },
  ...p('treatment_center', NORMAL, 'group living'),

  ...p('hospital_ed', STRONG,
    'emergency (?:department|departments|room|rooms|dept)', 'in-?patient psychiatr\\w*', 'psychiatric (?:unit|units|hospital|emergency(?! services?)|inpatient)',
    'hospital[- ]based', 'hospital setting', 'hospital system', 'in the hospital', 'bedside', 'cpeps?', 'trauma center',
    'in-?patient (?:unit|units|behavioral health|mental health|psych unit)', 'medical[- ]surgical', 'med[- ]surg', 'ed bridge', 'empath unit',
    // A hospital's consult team sees admitted patients: "the inpatient addiction consult service".
    'addiction (?:medicine )?consult(?:ation)?(?: service| team)?', 'consult(?:ation)?[- ]liaison',
    // The VA's medical centers and health care systems (DOMAIN.md labels them hospital_ed).
    'vamcs?', 'veterans affairs medical centers?', 'va medical centers?', 'va hospitals?', 'hospital inpatient (?:units?|services|programs?|psychiatr\\w*|settings?|care)', 'hospital discharge', 'discharge from the hospital',
    // A state (psychiatric) hospital is a hospital (DOMAIN.md), and "inpatient settings/wards" name its units.
    'state (?:psychiatric )?hospitals?', 'in-?patient (?:settings?|wards?)',
    // Several states (Colorado, Iowa, Tennessee) call their state psychiatric hospitals "Mental
    // Health Institutes" (084, seen in the held-back split).
    'mental health institutes?',
    // A hospital's psychiatric unit by its other names (081): "the behavioral health unit", "an acute
    // psychiatric ward", "acute inpatient", "acute care hospital".
    'behavioral health (?:units?|wards?)', 'psychiatric wards?', 'acute (?:care )?(?:psychiatric|psych|inpatient|mental health) (?:units?|wards?|beds?|settings?|care|services)',
    'acute inpatient', 'acute care hospitals?', 'acute psychiatric hospitals?',
    // A hospital's department of emergency medicine is its ED ("Department: Emergency Medicine").
    'emergency medicine',
    // A psychiatric intensive care unit (a locked acute ward) and any intensive care unit are a hospital's (082).
    'psychiatric intensive care(?: units?)?', 'intensive care units?'),
  // A psychiatric emergency service (PES) is emergency care, and a free-standing one a crisis receiving center too.
  ...['psychiatric emergency services?', 'comprehensive psychiatric emergency programs?']
    .map((source): Phrase => ({ setting: 'hospital_ed', weight: STRONG, source, also: 'crisis_unit' })),
  // Not "hospital committees / boards / leadership": who a report goes to, not a workplace (084).
  ...p('hospital_ed', NORMAL, 'hospitals?(?! (?:committees?|boards?|leadership|administrators?|executives?)\\b)', 'medical center', 'hospitalized patients', 'acute care', 'psychiatric (?:facility|facilities)',
    // New York's state hospitals are "Psychiatric Centers" (Pilgrim, Rockland, ...); Washington's
    // evaluation and treatment facilities are inpatient psychiatric units.
    'psychiatric cent(?:er|re)s?', 'evaluation and treatment (?:facilit(?:y|ies)|cent(?:er|re)s?|units?)',
    // A ward is a hospital's (UK and Australian postings); not a city's "Ward 8".
    'wards?(?! ?\\d)'),
  // A health system runs clinics as well as hospitals: its name alone does not place a job in one.
  ...p('hospital_ed', WEAK, 'health systems?'),
  // "In emergency, inpatient, outpatient and residential settings": a list of the settings the job
  // works in names the hospital's inpatient side as one of them.
  ...p('hospital_ed', STRONG, 'in-?patient(?=,? (?:(?:and|or) )?(?:[\\w-]+,? (?:(?:and|or) )?){0,6}(?:settings|units)\\b)'),
  // Also spelt "in-patient" (084).
  ...p('hospital_ed', WEAK, 'inpatient', 'in-patient'),

  ...p('crisis_unit', STRONG,
    'crisis[- ]stabili[sz]ation', 'crisis (?:receiving|center|centre|centers|unit|care center|triage|walk-?in|respite|residential|hotline|line|call center|lifeline)',
    // A crisis intervention center is a crisis center by its longer name (084); not a police Crisis Intervention Team.
    'crisis intervention cent(?:er|re)s?',
    'mobile crisis', 'living room (?:model|program)', 'crisis (?:response|outreach) team', 'crisis (?:response|intervention) units?', '23-(?:hour|hr) (?:observation|crisis|stabili[sz]ation)', '23 (?:hour|hr) (?:observation|crisis|stabili[sz]ation)',
    'psychiatric urgent care', 'behavioral health urgent care', 'mental health urgent care', 'empath',
    // Crisis lines and chats, by phone or online, and peer respite (DOMAIN.md: crisis_unit).
    'crisis (?:chat|text|counseling line|call line|calls?|programs?)', 'suicide (?:prevention )?(?:hotline|lifeline|line|chat|crisis line)',
    'peer respite', 'respite (?:center|centre|house|home|program|beds?|setting|stays?)', 'non-police (?:crisis )?response',
    // Crisis beds and houses, and a crisis assessment centre (081).
    'crisis (?:beds?|house|houses|homes?|apartments?|hub|assessment (?:center|centre|and treatment))',
    // Civilian teams sent to behavioural health calls (DOMAIN.md: 911 or non-police crisis response).
    '(?:behavioral health|civilian) (?:crisis )?response teams?',
    // States' names for crisis receiving units: North Carolina's facility-based crisis, Florida's
    // Baker Act receiving facilities.
    'facility[- ]based crisis', 'baker act receiving(?: facilit(?:y|ies)| cent(?:er|re)s?)?',
    // England's crisis resolution and (intensive) home treatment teams and crisis assessment teams:
    // the NHS's mobile crisis service, 24/7, in people's homes (082).
    'crisis resolution(?: (?:and|&))?(?: intensive)? home treatment(?: teams?| services?)?', 'crisis resolution teams?', 'crisis assessment teams?'),
  // A home treatment team is the same service named without "crisis" (in the US "home-based
  // treatment" is something else, so it needs company).
  ...p('crisis_unit', NORMAL, '(?:intensive )?home treatment teams?'),
  ...p('crisis_unit', NORMAL, 'suicidal crisis', 'suicide crisis', 'hotline', 'respite', 'welfare checks?',
    '(?:mental|behavioral)(?: (?:and|or) (?:mental|behavioral))? health cris[ie]s', 'psychiatric cris[ie]s',
    // Not "911 calls": a police co-responder team answers them too (DOMAIN.md: that is jail_police).
    'mobile response(?: teams?| units?| services)?', 'dispatch(?:ed|es|ing)?(?:[- ]based)? (?:response|crisis|teams?)',
    // The people the job serves are in crisis: "support to people in behavioral health and other crises".
    '(?:people|individuals|persons|those|residents|callers|someone) (?:who are |experiencing |in )(?:[\\w,-]+ ){0,5}?cris[ie]s'),
  // Not "warmline": a warmline is the peer-run line for people who are *not* in crisis.
  // (A crisis program and a crisis stabilization service are strong phrases above.)
  ...p('crisis_unit', NORMAL, 'crisis (?:services|team)', 'crisis care(?! plans?)',
    // A community response team is usually one of them too, but the words need company.
    'community (?:crisis )?response teams?', 'alternative (?:crisis )?response'),
  // Responding to a crisis is a duty of many jobs ("interventions may include ... crisis response").
  ...p('crisis_unit', WEAK, 'crisis response'),

  // Not "students": most postings that name students are campus jobs (tutors, peer educators).
  ...p('youth_services', WEAK, 'schools?'),
  ...p('youth_services', STRONG, 'high school students', 'recovery high schools?', 'middle schools?', 'elementary schools?', 'kindergarten',
    // Schools named together ("the district's middle and high schools") are where a school-based job
    // is, though a lone "high school" is usually the diploma (082); an alternative school is a
    // secondary school for students who left the usual one.
    '(?:elementary|middle|junior high)(?:,? (?:and|&|or) (?:elementary|middle|junior high|high))+ schools', 'alternative (?:high )?schools?'),
  // A school district employs its schools' staff: a job there is in the schools, but the words need company.
  ...p('youth_services', NORMAL, 'school districts?'),
  ...p('youth_services', STRONG,
    'youth', 'adolescents?', 'transition[- ]age(?:d)? youth', 'juvenile', 'school[- ]based', 'children and (?:adolescents|youth|families|teens)',
    'youth and famil(?:y|ies)', 'family and youth', 'teens', 'teenagers?', 'foster (?:care(?! (?:leave|placement leave))|youth)', 'child welfare', "children's (?:services|behavioral|mental)"),
  // (Not "adoption and foster care leave": a benefit, 084.)
  // Early childhood programs (Head Start, preschool) serve children and their families.
  ...p('youth_services', STRONG, 'head start', 'early head start', 'early childhood (?:programs?|education|services|centers?)', 'pre-?schools?'),
  ...p('youth_services', NORMAL, 'young adults?', 'children', 'parent partner', 'family peer', 'family partner', 'parents? of children',
    // Parent peers and caregivers of children, and child-serving systems (081).
    'parent peers?', 'caregivers? of (?:children|youth|young people|a child)', 'child[- ]serving', 'family support partners?'),
  // Transition-age youth in other words, and High Fidelity Wraparound (a team for children and their families).
  ...p('youth_services', STRONG, 'transition(?:al)?[- ]age(?:d)? young adults?', 'transitional[- ]age(?:d)? youth', 'high[- ]fidelity wraparound'),

  ...p('outpatient', STRONG,
    'outpatient', 'outpatients', 'intensive outpatient',
    // Also spelt "out-patient" and "out patient settings" (084); not "carry out patient education /
    // treatment programs".
    'out-patients?', 'out patient (?:settings?|clinics?|departments?)', 'partial[- ]hospitali[sz]ation', 'ccbhcs?', 'certified community behavioral health clinic',
    'community mental health (?:cent(?:er|re)s?|clinics?|agenc(?:y|ies))', 'cmhcs?', 'behavioral health (?:center|clinic|clinics)', 'mental health clinics?',
    'assertive community treatment', 'opioid treatment clinic', 'fqhcs?', 'federally qualified health centers?',
    // Psychosocial rehabilitation (PSR, the VA's PRRC) is a day program people attend from home.
    'psychosocial rehabilitation (?:and recovery )?(?:programs?|centers?|centres?|day programs?|services)',
    'behavioral health homes?', 'program of assertive community treatment',
    // A provider's non-residential side is its outpatient program ("residential and non-residential programs").
    'non-?residential (?:programs?|services|treatment|settings?|levels? of care)',
    // Community mental health teams (the UK's CMHTs) and the VA's outpatient mental health teams.
    'community mental health (?:teams?|recovery teams?)', 'intensive community mental health recovery', 'behavioral health interdisciplinary programs?',
    // Day treatment and ambulatory care are outpatient; community treatment teams are ACT teams by another name (081).
    'day treatment', 'ambulatory (?:care|behavioral health|mental health|clinics?|services|settings?)', '(?:intensive )?community treatment teams?'),
  // A county's behavioral health service is a public clinic (not a "County Mental Health Court").
  ...p('outpatient', STRONG, 'county (?:department|dept\\.?|division) of (?:behavioral|mental) health(?! courts?)',
    'county of [a-z]+(?: [a-z]+)? (?:behavioral|mental) health(?! courts?)', 'county behavioral health(?! courts?)', 'county mental health(?! courts?)', 'county adult behavioral health', 'county adult mental health',
    "county children's behavioral health", "county children's mental health", 'county youth behavioral health'),
  // A clinic named in the job's own text is nearly always where the job is; in about-us it stays weak.
  ...p('outpatient', 1.2, 'clinics?'),
  ...p('outpatient', NORMAL, 'primary care', 'integrated care', 'counseling cent(?:er|re)s?', 'office-based', 'health ?care cent(?:er|re)s?', 'health cent(?:er|re)s?',
    'mental health cent(?:er|re)s?', 'community health cent(?:er|re)s?',
    // A county's or the community's behavioral health service, and therapy given by sessions, are outpatient care.
    // Written out so each phrase starts with a long literal: a bare "community " or "county "
    // prefix would run the bucket's regex on every "community ..." of a description (014).
    // Not "adult behavioral health unit": a hospital's unit (see hospital_ed).
    'adult behavioral health(?! (?:courts?|units?|wards?))', 'adult mental health(?! (?:courts?|units?|wards?))',
    'community mental health(?! courts?)', 'community behavioral health(?! courts?)', 'community health services?'),

  ...p('community_org', STRONG,
    'recovery community (?:organi[sz]ations?|cent(?:er|re)s?)', 'drop-?in (?:cent(?:er|re)s?)', 'clubhouse', 'peer[- ]run(?! (?:services|groups|activities))', 'peer[- ]operated(?! (?:services|groups|activities))',
    'consumer[- ](?:run|operated)', 'peer[- ]led organi[sz]ations?',
    // The definition of a peer-run place in other words: "a wellness center run by and for peers" (082).
    '(?:run|operated|led|staffed) by and for (?:peers|consumers|people|individuals|members)', 'street outreach', 'homeless outreach', '(?:homeless|emergency|family|domestic violence) shelters?',
    'recovery caf[eé]',
    // Syringe service and exchange programmes in all their names (needle exchanges): harm reduction
    // premises and vans (082).
    'syringe (?:services?|exchanges?|access)(?: programs?)?', 'needle exchanges?(?: programs?)?', 'harm[- ]reduction (?:programs?|cent(?:er|re)s?|organi[sz]ations?|services)',
    // A community recovery centre is a recovery community centre in other words; overdose prevention
    // and safe consumption sites are harm reduction premises (081).
    'community recovery cent(?:er|re)s?', 'overdose prevention (?:sites?|cent(?:er|re)s?)', 'safe (?:consumption|injection) (?:sites?|facilit(?:y|ies))',
    // Non-government organisations: starts at "non", so the negation test never sees the words after it.
    'non-?government(?:al)? (?:organi[sz]ations?|agenc(?:y|ies)|community (?:mental health )?(?:organi[sz]ations?|services?|providers?))'),
  // Hospitals and treatment centers are nonprofits too: the tax status alone is a hint.
  ...p('community_org', WEAK, 'non-?profit', 'not[- ]for[- ]profit', '501\\s?\\(c\\)\\s?\\(?3\\)?'),
  // Peer-run services inside another setting ("peer-operated services" of a state hospital) are a
  // kind of service, not a peer-run organisation; a bare "drop-in" is often a mode ("drop-in tutoring").
  ...p('community_org', WEAK, 'peer[- ](?:run|operated) (?:services|groups|activities)', 'drop-?in'),
  ...p('community_org', NORMAL, 'shelters?', 'community[- ]based organi[sz]ations?', 'encampments?', 'drop-?in (?:hours|spaces?|programs?|services|sites?)',
    'harm reduction (?:vans?|outreach)',
    'recovery (?:support|resource) cent(?:er|re)s?', 'peer (?:support |recovery |wellness )?cent(?:er|re)s?',
    'transitional housing', 'homeless services', 'community[- ]based (?:non-?profit|agenc(?:y|ies))',
    'recovery residences?', 'recovery (?:houses?|homes?)', 'sober[- ]living', 'warming cent(?:er|re)s?', 'recovery housing', 'day cent(?:er|re)s?',
    // Not "peer-led groups / support": a way of working inside any setting, as peer-run services are (084).
    'peer[- ]led(?! (?:support|groups?|activities|sessions|services|programs?|workshops?|classes|courses|training|recovery|interventions?|wellness|education)\\b)',
    'community cent(?:er|re)s?', 'supportive housing', 'housing programs?', 'housing residences?', 'housing sites?',
    // Mental health associations (MHA affiliates) are community nonprofits, often peer-run.
    'mental health associations?', 'mental health and addiction associations?',
    // Housing First teams house and support people from the street (community_org as supportive housing, 081).
    'housing first', 'soup kitchens?', 'homeless service providers?',
    // Supportive housing by its other names: "supported housing" and the VA's HUD-VASH programme
    // (HUD-VA Supportive Housing, run by every VA medical center's homeless programme), and
    // permanent supportive housing (084, seen in the held-back split).
    'supported housing'),
  ...p('community_org', STRONG, 'permanent supportive housing', 'hud[- ]?vash'),
  // "X Recovery Center" is as often a treatment provider's name as a recovery community center.
  // Not "X Recovery Center and Hospital": a hospital's name (084).
  ...p('community_org', WEAK, 'recovery centers?(?! (?:and|&) hospitals?)'),

  ...p('jail_police', STRONG,
    'jails?', 'county jail', 'detention (?:center|centre|facility|facilities)', 'correctional(?! (?:counsel|education))', 'corrections (?:facility|facilities|officers?|department|center|setting)',
    "sheriff(?:'s|s)?", 'police(?! (?:background|check|clearance|records?|reports?|drop-?offs?|referrals?|transports?))', 'co-?responders?', 'co responders?', 'inmates?', 'department of corrections?', 'houses? of corrections?', 'booking (?:area|process|unit|room)',
    'law enforcement assisted diversion', 'incarcerated (?:individuals|persons|people|adults|men|women)'),
  // Police who bring people to a crisis center are where clients come from: "law enforcement drop-offs".
  // Police listed with firefighters and EMS are first responders as people ("auxiliary police,
  // firefighters", "Police and Fire"), not a police setting.
  // A temporary detention order is an involuntary psychiatric hold, no jail (081).
  ...p('jail_police', NEUTRAL, 'temporary detention(?: orders?)?', 'pre-?detention', 'detention orders?', 'emergency detention(?: orders?)?'),
  ...p('jail_police', STRONG, 'penitentiar(?:y|ies)', 'state prisons?', 'federal prisons?', 'prison[- ]based', 'lock-?ups?'),
  ...p('jail_police', NEUTRAL, 'law enforcement (?:drop-?offs?|referrals?|transports?)', 'police(?: officers)?(?:,| and| or)(?: and| or)? (?:fire|firefighters|fire ?fighters|ems|paramedics)', 'auxiliary police'),
  ...p('jail_police', NORMAL, 'in-custody'),
  ...p('jail_police', NORMAL, 'law enforcement', 'booking(?! (?:[\\w-]+ )?(?:appointments?|travel|meetings?|visits?|rides?|transport\\w*|flights?|rooms?))', 'detention', 'crisis intervention team'),
  ...p('jail_police', WEAK, 'prisons?', 'incarcerat(?:ed|ion)'),

  ...p('reentry', STRONG,
    're-?entry', 're entry', 'returning citizens', 'post-?release', 'post release', 'formerly incarcerated', 'recently released', 'releas(?:ed?|ing) from (?:jail|prison|incarceration|custody|detention)',
    'parole', 'parolees', 'probationers', 'probation (?:officers?|department|and parole)', 'returning home from (?:jail|prison)',
    // A residential reentry center (the federal prisons' contracted "halfway house") is re-entry,
    // not a residential treatment program (082).
    'residential re-?entry (?:cent(?:er|re)s?|programs?|facilit(?:y|ies)|services)'),
  // Not an employee's probation: "after probation you bid on shifts", "complete a six-month probation".
  ...p('reentry', NORMAL, "probation(?! period| periods|ary)(?<!(?:after|during|complete|completing|completion of|end of|pass|passing|successful|initial|introductory|trial|employment|six[- ]month|\\d[- ]month|(?:one|1)[- ]year)(?: the| your| an?| their| his or her)? probation)",
    'community corrections', 'ex-?offenders?', 'post-?incarceration', 'second chance act'),
  // Re-entry after a hospital stay is a discharge, not re-entry from jail: "community re-entry following hospitalization" (081).
  // (Starts at "re-entry", not "community re-": a literal start that short would stop the scan at
  // every "community resources".)
  ...p('reentry', NEUTRAL, 're-?entry (?:into the community )?(?:following|after|from) (?:an? |their |the )?(?:hospitali[sz]ations?|hospital|inpatient|psychiatric|treatment|residential)'),
  // Helping people "re-enter the community" (or society), re-entry as a verb, is re-entry work, what the job does on the
  // spot even after "help" (084); not after a hospital or treatment stay (as above).
  ...['re-?enter(?:s|ed|ing)? (?:into )?(?:the community|society)(?! (?:after|following|from) (?:an? |their |the )?(?:hospitali[sz]ations?|hospital|inpatient|psychiatric|treatment|residential))']
    .map((source): Phrase => ({ setting: 'reentry', weight: STRONG, source, onSite: true })),
  // Justice-involved people are a population (DOMAIN.md), not a setting: a hint that needs company.
  ...p('reentry', WEAK, 'justice[- ]involved', 'criminal justice (?:involved|population|system)'),

  ...p('specialty_court', STRONG,
    'drug courts?', 'treatment courts?', 'mental health courts?', "veterans'? (?:treatment )?courts?", 'recovery courts?', 'du[iI] courts?', 'dwi courts?',
    'speciali?ty courts?', 'owi courts?', 'problem[- ]solving courts?', 'family (?:treatment|dependency|recovery) courts?', 'wellness courts?', 'diversion courts?',
    'accountability courts?', 'sobriety courts?', 'behavioral health courts?', 'specialty dockets?', 'treatment dockets?',
    // A court's specialty docket by its name, and other problem-solving courts (081).
    '(?:behavioral health|mental health|drug|recovery|veterans|sobriety|du[iI]|dwi|opioid|co-occurring|wellness) dockets?',
    '(?:opioid )?intervention courts?', 'community courts?', 'homeless courts?'),
  ...p('specialty_court', NORMAL, 'court (?:programs?|teams?)', 'court docket', 'court-?ordered', 'pre-?trial', 'diversion programs?', 'court[- ]supervised', 'court liaisons?'),
  ...p('specialty_court', WEAK, 'courts?', 'judges?', 'court(?:house|room)s?'),
  // A family court is a general court, and court dates or hearings are events a worker attends.
  ...p('specialty_court', NEUTRAL, 'family courts?', 'court (?:dates?|appearances?|hearings?)'),
  // The justice cluster (102). Pretrial services and a court's supervised release are jail and
  // court work at once (DOMAIN.md): the officer interviews people held in jail for the court.
  ...['pre-?trial (?:services?|release|supervision|officers?|specialists?|case (?:agents?|managers?)|investigators?|programs?|divisions?|units?|departments?)', 'supervised release (?:programs?|services|officers?|units?)']
    .map((source): Phrase => ({ setting: 'specialty_court', weight: STRONG, source, plus: 'jail_police' })),
  // A general court by its name is no treatment court (as a family court is not): a superior,
  // circuit or municipal court, the courts' administrative office, the court's system and officials.
  ...p('specialty_court', NEUTRAL, '(?:superior|circuit|district|municipal|magistrate|justice|supreme|trial|appellate|probate|general sessions|common pleas|criminal|civil) courts?',
    'administrative offices? of (?:the )?courts?', 'court (?:system|process|officials|staff|administrators?|administration|clerks?|records|orders?|reporters?)', '(?:chief|presiding) judges?'),
  // A juvenile court serves youth; it is no specialty court (its drug court is named as one).
  ...p('youth_services', STRONG, 'juvenile courts?'),
  // Family therapeutic courts are family treatment courts by another name; a court's dockets are its programmes' sessions.
  ...p('specialty_court', STRONG, 'therapeutic courts?'),
  ...p('specialty_court', NORMAL, 'court dockets'),
  // Custody and secure youth facilities: people held in custody (ICE, police) are in detention,
  // and a juvenile detention or justice centre is a jail for youth (jail_police and youth_services).
  ...p('jail_police', NORMAL, 'in (?:ice|immigration|police|federal|county) custody', 'held in (?:the )?custody'),
  ...['juvenile (?:justice|detention|correctional) (?:cent(?:er|re)s?|facilit(?:y|ies)|institutions?|halls?)', 'juvenile halls?', 'youth (?:detention|correctional) (?:cent(?:er|re)s?|facilit(?:y|ies))',
    'secure (?:residential|youth|juvenile|detention) (?:facilit(?:y|ies)|placements?|settings?|custody|units?)', 'secure (?:facilit(?:y|ies)|placements?|custody)']
    .map((source): Phrase => ({ setting: 'jail_police', weight: STRONG, source, plus: 'youth_services' })),
  // The military's hospitals and clinics are its "military treatment facilities" (MTFs), no SUD treatment centre.
  ...p('treatment_center', NEUTRAL, 'military treatment facilit(?:y|ies)'),
  // A state's psychiatric facilities are its state hospitals (DOMAIN.md: hospital_ed).
  ...p('hospital_ed', STRONG, 'state psychiatric facilit(?:y|ies)'),
  // A worker who works on the street is doing street outreach (community_org, 080).
  ...p('community_org', STRONG, '(?:works?|working|based) (?:mainly |mostly |primarily |largely )?on the streets?'),
  // Release into the community is re-entry.
  ...p('reentry', STRONG, 'releas(?:ed?|ing) (?:back )?(?:in)?to the community'),
  // A school re-entry plan brings a student back to school (after a suspension or a hospital stay).
  ...p('reentry', NEUTRAL, '(?:student|school) re-?entry'),
  // The children of adult clients ("women with children", "residents and their children") come
  // with their parents: a women's residential programme is no youth service.
  // (Spelt out so that every phrase starts with a long literal: a bare "clients and " would stop the scan at every such pair.)
  ...p('youth_services', NEUTRAL, '(?:women|mothers|moms) with (?:their )?children', '(?:women|mothers|clients|residents)(?: in (?:recovery|treatment))? and their children', 'adults and their children'),

  ...p('moud', STRONG,
    'moud', 'medications? for (?:opioid|alcohol|addiction) use disorders?', 'medications? for addiction treatment', 'medication[- ]assisted (?:treatment|therapy|recovery)',
    'opioid treatment (?:programs?|clinics?|centers?|centres?|services|facilit(?:y|ies)|providers?)', 'methadone', 'buprenorphine', 'suboxone', 'sublocade', 'vivitrol', 'obots?', 'office[- ]based (?:opioid|addiction|buprenorphine|suboxone) (?:treatment|program|clinic)'),
  // A bridge clinic starts buprenorphine on the spot for people not yet in treatment.
  ...p('moud', STRONG, 'bridge clinics?',
    // Other names of the same services (081): California's narcotic treatment programs, opioid agonist
    // treatment, office-based addiction treatment, "medications for OUD".
    'narcotic treatment programs?', 'opioid agonist (?:treatment|therapy)', 'office[- ]based addiction treatment', 'medications? for oud'),
  ...p('moud', NORMAL, 'naltrexone', 'opioid use disorder treatment', 'medication for opioid'),
  // Starting the medication is done here, whatever destination the sentence named first.
  ...['(?:buprenorphine|suboxone|methadone|moud|mat|naltrexone) (?:induction|initiation)s?', '(?:ed|emergency department|hospital)[- ]initiated (?:buprenorphine|suboxone|moud|mat)',
    'induct(?:s|ed|ing)? (?:patients |people |them )?(?:on|onto) (?:buprenorphine|suboxone|methadone)']
    .map((source): Phrase => ({ setting: 'moud', weight: STRONG, source, onSite: true })),

  // Framework vocabularies (decision 100): the names the field's own standards give each setting
  // (CMS place-of-service codes, SAMHSA's treatment-facility and crisis-continuum terms, the ASAM
  // levels of care, the Sequential Intercept Model, treatment-court and OTP words), so postings
  // that use them are read right without our corpus having met them.
  // ASAM levels in their written forms: "Level III.5", "3.7-WM", "clinically managed high-intensity
  // residential", "medically monitored intensive inpatient" (3.7) are residential programmes.
  ...p('treatment_center', STRONG, 'levels? (?:of care )?iii\\.[1-7](?:[- ]?wm)?', 'asam (?:levels? )?(?:of care )?iii\\.[1-7]',
    'clinically managed (?:[\\w-]+ ){0,3}?(?:residential|withdrawal)', 'medically monitored (?:intensive )?(?:inpatient|residential|withdrawal|detox\\w*)', 'medically managed residential',
    // A psychiatric residential treatment facility (CMS place of service 56).
    'psychiatric residential treatment (?:facilit(?:y|ies)|cent(?:er|re)s?)'),
  // Residential withdrawal management by its level alone: "3.2-WM", "3.7-WM".
  { setting: 'treatment_center', weight: STRONG, source: '3\\.[27][- ]?wm', key: '3.' },
  // ASAM Level 4, medically managed intensive inpatient services, is a hospital's.
  ...p('hospital_ed', STRONG, 'medically managed intensive inpatient', 'asam (?:levels? )?(?:of care )?(?:4|iv)(?:\\.0)?(?:[- ]?wm)?'),
  // ASAM Levels 1 and 2 (outpatient, intensive outpatient, partial hospitalisation, ambulatory
  // withdrawal management). A bare "Level 1" or "Level II" is a job grade, so only with "ASAM" or a
  // decimal that only the levels have ("Level 2.1", "Level II.5").
  ...p('outpatient', STRONG, 'asam (?:levels? )?(?:of care )?(?:1|2|i|ii)(?:\\.[0-9])?(?:[- ]?wm)?', 'levels? (?:of care )?(?:2|ii)\\.[157]', 'levels? (?:of care )?(?:1|2|i|ii)[- ]wm',
    // Outpatient and ambulatory detox (ASAM 1-WM/2-WM) are outpatient care, not a detox unit.
    '(?:outpatient|ambulatory) (?:detox(?:ification)?|withdrawal management|withdrawal services)',
    // "Outpatient substance abuse treatment program", "non-residential substance abuse treatment
    // facility" (CMS place of service 57): the SUD words would otherwise read as a treatment centre.
    'outpatient (?:substance (?:use|abuse)|sud|addiction|chemical dependency|drug and alcohol|alcohol and (?:other )?drugs?|aod)(?: disorders?)?(?: treatment)? (?:programs?|services|treatment|clinics?|centers?|facilit(?:y|ies))',
    'intensive outpatient (?:substance (?:use|abuse)|sud|addiction|chemical dependency|drug and alcohol|alcohol and (?:other )?drugs?|aod)(?: disorders?)?(?: treatment)? (?:programs?|services|treatment|clinics?|centers?|facilit(?:y|ies))',
    'non-?residential (?:substance (?:use|abuse)|sud|addiction|chemical dependency|drug and alcohol|alcohol and (?:other )?drugs?|aod)(?: disorders?)?(?: treatment)? (?:programs?|services|treatment|clinics?|centers?|facilit(?:y|ies))',
    // CMS place of service 52, "psychiatric facility-partial hospitalization", is a day programme.
    'psychiatric facilit(?:y|ies)[- ]partial hospitali[sz]ation',
    // Coordinated specialty care (first-episode psychosis teams) is an outpatient team.
    'coordinated specialty care'),
  // A non-residential opioid treatment facility (CMS place of service 58) is an OTP.
  ...p('moud', STRONG, 'non-?residential opioid treatment (?:facilit(?:y|ies)|programs?|services|cent(?:er|re)s?)',
    'medications? for the treatment of (?:opioid|alcohol) use disorders?', 'brixadi', 'zubsolv',
    // OTP words: guest dosing, take-home doses, the dosing window.
    'guest dos(?:ing|es?)', 'take-?home (?:doses|dosing|bottles|medications?|methadone)'),
  ...p('moud', NORMAL, 'dosing (?:windows?|stations?|hours|nurses?|clinics?|rooms?|areas?|lines?)',
    // The largest OTP network's generic name: its clinics are OTPs, not residential centres.
    'comprehensive treatment cent(?:er|re)s?'),
  // SAMHSA's crisis continuum: crisis observation, walk-in crisis, crisis contact centres (988), a
  // residential crisis programme (crisis residential in other words: a crisis unit, not a rehab).
  ...p('crisis_unit', STRONG, 'crisis observation', 'walk-?in crisis(?: (?:clinics?|cent(?:er|re)s?|services|units?))?', 'crisis contact cent(?:er|re)s?',
    'residential crisis (?:stabili[sz]ation|programs?|units?|services|beds?|facilit(?:y|ies)|treatment|homes?|houses?|cent(?:er|re)s?)'),
  // Hospital units by their short or other names.
  ...p('hospital_ed', STRONG, 'psych (?:units?|wards?|hospitals?|floors?)', 'forensic (?:psychiatric )?hospitals?', 'behavioral health hospitals?', 'accident (?:and|&) emergency'),
  // Sequential Intercept Model, intercepts 0-1: police-led deflection and pre-arrest diversion.
  ...p('jail_police', STRONG, 'pre-?(?:arrest|booking) diversion', '(?:police|law enforcement)[- ](?:led )?deflection', 'adults? in custody',
    // New York's prisons and parole are one department.
    'department of corrections? and community supervision'),
  ...p('jail_police', NORMAL, 'deflection (?:programs?|initiatives?|teams?)', 'detainees?',
    // "Youth in custody", "people in custody"; not a child "in custody of" a parent or the state.
    'in custody(?! (?:of|disputes?|battles?|cases?|arrangements?|hearings?|evaluations?|orders?|matters?|issues?|proceedings?|exchanges?|rights|transfers?|mediation)\\b)'),
  // A juvenile hall is a youth detention centre: youth services and a jail.
  ...['juvenile halls?'].map((source): Phrase => ({ setting: 'youth_services', weight: STRONG, source, also: 'jail_police' })),
  // Intercepts 4-5: jail in-reach before release, release planning, community supervision, day
  // reporting centres and work release.
  ...p('reentry', STRONG, '(?:jail|prison|correctional)[- ](?:based )?in-?reach', 'day reporting cent(?:er|re)s?',
    'pre-?release (?:planning|services|engagement|programs?|cent(?:er|re)s?|classes|groups|units?)'),
  ...p('reentry', NORMAL, 'release planning', 'work release', 'pre-?release',
    'community supervision (?:officers?|departments?|divisions?|units?|offices?|programs?|services|agenc(?:y|ies)|teams?|centers?)'),
  // People "on community supervision" (probation or parole) are a population, as justice-involved
  // people are: a hint that needs company.
  ...p('reentry', WEAK, 'community supervision'),
  ...p('reentry', NEUTRAL, 're entry (?:into the community )?(?:following|after|from) (?:an? |their |the )?(?:hospitali[sz]ations?|hospital|inpatient|psychiatric|treatment|residential)'),
  // Intercept 2: pretrial services and release run from a court (DOMAIN.md: jail_police + specialty_court).
  ...['pre-?trial (?:services?|release|supervision)'].map((source): Phrase => ({ setting: 'specialty_court', weight: STRONG, source, also: 'jail_police' })),
  // A re-entry court is a specialty court for people coming home.
  ...['re-?entry courts?'].map((source): Phrase => ({ setting: 'specialty_court', weight: STRONG, source, also: 'reentry' })),
  // Treatment-court words: California's collaborative courts, co-occurring courts, the team's staffings.
  ...p('specialty_court', STRONG, 'collaborative courts?', 'co-?occurring (?:disorders? )?courts?'),
  ...p('specialty_court', NORMAL, '(?:pre-?court|court|docket) staffings?'),
  // Youth: paediatric care, kinship care (relatives raising children).
  ...p('youth_services', NORMAL, 'pa?ediatrics?', 'kinship (?:care|caregivers?|families|navigators?|programs?|services)'),
  // Community: street medicine, rapid re-housing, sober homes, cooling centres, drop-in centres spelt
  // with a space.
  ...p('community_org', NORMAL, 'street medicine', 'rapid re-?housing', 'sober (?:homes?|houses?)', 'cooling cent(?:er|re)s?', 'drop in (?:hours|spaces?|programs?|services|sites?)'),
  ...p('community_org', STRONG, 'drop in cent(?:er|re)s?'),

  // Neutral: phrases that contain a setting word but name no setting. Matching them consumes
  // their words, so "high school diploma" never reaches the youth word "school".
  // A team that supports people in their own housing ("Mobile Residential Support Team") is no residential program.
  ...p('treatment_center', NEUTRAL, 'residential supports?(?: teams?| services)?'),
  // A military treatment facility (CMS place of service 26) is a military hospital or clinic, no rehab (100).
  ...p('treatment_center', NEUTRAL, 'military treatment facilit(?:y|ies)'),
  // A WIC clinic is a nutrition program's office, not a behavioural health clinic.
  ...p('outpatient', NEUTRAL, 'wic (?:clinics?|offices?|sites?)'),
  // "Serving individuals, children and families": agency boilerplate, not a youth program.
  ...p('youth_services', NEUTRAL, 'children and families', 'individuals and families', 'families and children', 'high schools?', 'school diploma', 'graduate school', 'medical school', 'school of social work',
    'youth mental health first aid', 'schools? of (?:thought|medicine|nursing)'),
  // "Continuing ed", "driver's ed": schooling, not an emergency department.
  ...p('hospital_ed', NEUTRAL, 'continuing ed(?:ucation)?', "driver(?:'s|s)? ed(?:ucation)?",
    // A child in state care is a "ward of the state", no hospital ward.
    'state wards?', 'wards? of the (?:state|court|county)'),
  // Where a field team meets people ("in homes, shelters, streets"): visits, not a shelter job.
  ...p('community_org', NEUTRAL, 'homes?(?:,| or| and) (?:shelters?|streets?|the streets?)'),
  // A worker's own history is not where the job is: "lived experience of incarceration".
  ...p('jail_police', NEUTRAL, 'experience (?:of|with) (?:incarceration|the (?:criminal )?justice system)', 'history of incarceration', 'incarceration history',
    'been incarcerated', 'previously incarcerated', 'personal incarceration'),
  // Nor is a worker's own youth: "lived experience of foster care or the juvenile justice system".
  ...p('youth_services', NEUTRAL, 'experience (?:of|with|in) (?:the )?(?:foster care|child welfare|juvenile justice)(?: systems?)?(?:,? (?:or|and) (?:the )?(?:foster care|child welfare|juvenile justice|criminal justice)(?: systems?)?)*'),
];

/** Acronyms that count only in capitals as standalone words: "MAT" not "mat", "ED" not "ed.". */
const CASED_PHRASES: readonly Phrase[] = [
  ...p('moud', STRONG, 'MAT', 'OTPs?', 'OBATs?'),
  ...p('hospital_ed', STRONG, 'EDs?', 'ERs?', 'BHUs?', 'PICUs?', 'ICUs?'),
  ...p('crisis_unit', STRONG, 'CRHTTs?', 'CRHTs?'),
  ...p('outpatient', STRONG, 'IOPs?', 'PHPs?', 'ACT [Tt]eams?', 'FACT [Tt]eams?', 'PACT'),
  // "VA Texas Valley Coastal Bend Health Care System", "Bedford VA Healthcare System".
  ...p('hospital_ed', STRONG, 'VA (?:[A-Z][A-Za-z]+ ){0,5}(?:Health ?[Cc]are|Medical) (?:System|Center)s?'),
  ...p('community_org', STRONG, 'RCOs?', 'RCCs?'),
  // NGOs, and NAMI affiliates (community nonprofits run by and for families and people with lived experience).
  ...p('community_org', NORMAL, 'NGOs?', 'NAMI'),
  // A veterans treatment court, by its initials; the VA's outpatient teams (CMHT, BHIP).
  ...p('specialty_court', STRONG, 'VTC'),
  ...p('outpatient', STRONG, 'CMHTs?', 'BHIP', 'ICMHR',
    // The VA's community-based outpatient clinics and psychosocial recovery centers (RULINGS R2: outpatient).
    'CBOCs?', 'PRRCs?'),
  // The VA's domiciliary and residential rehabilitation treatment programs (R2: treatment_center).
  ...p('treatment_center', STRONG, 'RRTPs?', 'DRRTPs?'),
  ...p('youth_services', STRONG, 'TAY'),
  // 988 the crisis line, not inside a phone number such as (614) 988-2211.
  { setting: 'crisis_unit', weight: STRONG, source: '(?<![\\d$][-.)\\s]{0,2})988(?![-.\\s]?\\d)', key: '98' },
  ...p('crisis_unit', STRONG, 'CSUs?'),
  // Decision 100: a mobile crisis outreach team; a psychiatric residential treatment facility; the
  // PATH programme's homeless outreach (SAMHSA); acronyms written with periods ("E.R.", "M.A.T.").
  ...p('crisis_unit', STRONG, 'MCOTs?'),
  ...p('treatment_center', STRONG, 'PRTFs?'),
  ...p('community_org', NORMAL, 'PATH (?:[Pp]rograms?|[Tt]eams?|[Oo]utreach|[Ww]orkers?)'),
  { setting: 'hospital_ed', weight: STRONG, source: 'E\\.R(?=\\.)', key: 'e.' },
  { setting: 'hospital_ed', weight: STRONG, source: 'V\\.A\\. (?:[Mm]edical [Cc]ent(?:er|re)s?|[Hh]ospitals?)', key: 'v.' },
  { setting: 'moud', weight: STRONG, source: 'M\\.A\\.T(?=\\.)', key: 'm.' },
];

/**
 * Matching. A single alternation of ~200 phrases made V8 try every alternative at every
 * character (250 us per 3 KB description). Instead only word starts are tried, and only those
 * where some phrase's literal start is: one native scan over a trie of the literal starts finds
 * them (see WORD_START). The start it finds names the few phrases that can match there (see
 * GROUPS), and each of those is tried by its own sticky regex, in order, after an in-place check
 * of its literal start.
 *
 * The phrases are tried strongest and longest first, so "inpatient psychiatric unit" is read as a
 * hospital phrase before the weak "inpatient" gets a chance, and a match consumes its words as a
 * global regex would. Case-insensitive phrases come before the cased acronyms.
 */
interface Candidate {
  phrase: Phrase;
  /** The phrase's literal start (lower case unless cased): the text must start with it here. */
  prefix: string;
  cased: boolean;
  /**
   * Sticky; `test` leaves lastIndex at the match's end, so no match array is made. Null when the
   * phrase is all literal (its start is the whole phrase): then the in-place check and a word-end
   * test are the whole match.
   */
  re: RegExp | null;
}

/** The literal characters a source starts with, stopping before anything a regex treats specially. */
function literalPrefix(source: string): string {
  let i = 0;
  for (; i < source.length; i++) {
    const next = source.charCodeAt(i + 1);
    // 63 "?", 42 "*", 123 "{"
    if (!isLiteralCode(source.charCodeAt(i)) || next === 63 || next === 42 || next === 123) break;
  }
  return source.slice(0, i);
}

/** A character a phrase's literal text may hold: a letter, a digit, a space, an apostrophe or a hyphen. */
function isLiteralCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 32 || c === 39 || c === 0x2019 || c === 45;
}

/**
 * Does `text` at `at` start with `prefix`, ASCII letters compared case-insensitively unless cased?
 * The first `from` characters are known to match already.
 */
function startsWithAt(text: string, at: number, prefix: string, cased: boolean, from = 0): boolean {
  if (at + prefix.length > text.length) return false;
  for (let j = from; j < prefix.length; j++) {
    let c = text.charCodeAt(at + j);
    if (!cased && c >= 65 && c <= 90) c |= 0x20;
    if (c !== prefix.charCodeAt(j)) return false;
  }
  return true;
}

/** Splits a leading "(?:a|b|c)rest" into "arest", "brest", "crest" so every phrase starts with a literal. */
function expandLeadingGroup(source: string): string[] {
  if (!source.startsWith('(?:')) return [source];
  let depth = 0;
  let end = -1;
  const cuts: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) {
        end = i;
        break;
      }
    } else if (c === '|' && depth === 1) cuts.push(i);
  }
  if (end < 0) return [source];
  const rest = source.slice(end + 1);
  const bounds = [2, ...cuts, end];
  const out: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) out.push(source.slice((bounds[i] ?? 0) + 1, bounds[i + 1]) + rest);
  return out;
}

/** The index of the `)` closing the group that opens at `open`, or -1. */
function groupEnd(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** A literal start shorter than this makes the scan stop at too many words ("re", "co", "peer"). */
const MIN_START = 12;
const MAX_VARIANTS = 16;

/**
 * Spells out what follows a phrase's literal start until the start is long enough to be rare:
 * an optional character ("re-?entry" → "re-entry", "reentry"), a class of literal characters
 * ("peer[- ]run" → "peer-run", "peer run"), a group or an optional group ("state (?:psychiatric
 * )?hospitals?" → "state psychiatric hospitals?", "state hospitals?"). The variants match exactly
 * what the phrase matched. Every word the scan stops at costs a bucket test (see findPhrases), and
 * "re"/"co"/"peer" start a tenth of all words.
 */
function expandStart(source: string): string[] {
  let out = expandLeadingGroup(source);
  for (let round = 0; round < 4; round++) {
    const next: string[] = [];
    let changed = false;
    for (const src of out) {
      const prefix = literalPrefix(src);
      const rest = src.slice(prefix.length);
      let variants: string[] | null = null;
      if (prefix.length >= MIN_START || prefix.length === 0) variants = null;
      else if (rest.length > 1 && rest[1] === '?' && /[A-Za-z0-9 '’-]/.test(rest[0] ?? '')) {
        variants = [prefix + (rest[0] ?? '') + rest.slice(2), prefix + rest.slice(2)];
      } else if (rest.startsWith('[')) {
        const close = rest.indexOf(']');
        const chars = rest.slice(1, close);
        if (close > 1 && /^[A-Za-z0-9 '’-]+$/.test(chars) && !/^[?*+{]/.test(rest.slice(close + 1))) {
          variants = [...chars].map((c) => prefix + c + rest.slice(close + 1));
        }
      } else if (rest.startsWith('(?:')) {
        const close = groupEnd(rest, 0);
        const after = close < 0 ? '' : rest.slice(close + 1);
        if (close > 0 && !/^[*+{]/.test(after)) {
          const optional = after.startsWith('?');
          const tail = optional ? after.slice(1) : after;
          const alts = expandLeadingGroup(rest.slice(0, close + 1) + tail);
          variants = (optional ? [...alts, tail] : alts).map((a) => prefix + a);
        }
      }
      if (variants !== null && out.length - 1 + variants.length <= MAX_VARIANTS) {
        next.push(...variants);
        changed = true;
      } else next.push(src);
    }
    out = next;
    if (!changed) break;
  }
  return out;
}

function keyOf(source: string): string | null {
  const m = /^[a-z0-9]{2}/i.exec(source);
  return m ? m[0].toLowerCase() : null;
}

/**
 * Reads a regex source's structure from its text (so loading the lexicon compiles no regex just to
 * check it; decision 100: an `exec('')` per phrase was a third of the load time): does it have a
 * `|` outside every group and class, and a capturing group (a "(" outside a class not opening "(?")?
 */
function sourceShape(source: string): { topLevelBar: boolean; captureGroup: boolean } {
  let depth = 0;
  let inClass = false;
  let topLevelBar = false;
  let captureGroup = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') {
      depth++;
      if (source[i + 1] !== '?') captureGroup = true;
    } else if (c === ')') depth--;
    else if (c === '|' && depth === 0) topLevelBar = true;
  }
  return { topLevelBar, captureGroup };
}

/**
 * Every case-insensitive phrase in its British and American spellings (decision 100): "behavioural
 * health centre", "day treatment programme", "counselling", "stabilisation". Written once here
 * rather than in each phrase, so no phrase is left with one spelling only.
 */
function spellings(source: string): string {
  return source
    .replace(/behavioral/g, 'behaviou?ral')
    .replace(/center/g, 'cent(?:er|re)')
    .replace(/program(?!me)/g, 'program(?:me)?')
    .replace(/counseling/g, 'counsell?ing')
    .replace(/iz(?=ations?)/g, 'i[sz]');
}

/** A phrase is spelt out as plain literals only when it has at most this many. */
const MAX_LITERALS = 8;
/** The characters a literal phrase may hold (what literalPrefix reads as literal). */
const LITERAL_CHARS = /^[A-Za-z0-9 '’-]*$/;

/**
 * Every text a phrase can match, when it is a plain sequence of literal characters, optional
 * characters ("s?"), classes of literal characters ("[sz]", "[- ]") and groups of such
 * alternatives ("cent(?:er|re)", "(?: programs?)?"), and there are at most MAX_LITERALS of them;
 * else null (anything else: \w, lookarounds, repeats, ranges). Longest first, as the regex's
 * greedy optionals try them; the caller's word-end test then picks the one a regex with `\b`
 * would (an all-literal phrase is compared in place, with no regex call: see matchAt).
 */
function literalSpellings(source: string): string[] | null {
  const seq = (src: string): string[] | null => {
    let out = [''];
    let i = 0;
    while (i < src.length) {
      const c = src.charAt(i);
      let alts: string[] | null;
      let next: number;
      if (c === '(') {
        if (!src.startsWith('(?:', i)) return null;
        const close = groupEnd(src, i);
        if (close < 0) return null;
        const inner = src.slice(i + 3, close);
        alts = [];
        let depth = 0;
        let from = 0;
        for (let k = 0; k <= inner.length; k++) {
          const ch = inner.charAt(k);
          if (ch === '\\') k++;
          else if (ch === '(') depth++;
          else if (ch === ')') depth--;
          else if ((ch === '|' && depth === 0) || k === inner.length) {
            const part = seq(inner.slice(from, k));
            if (part === null) return null;
            alts.push(...part);
            from = k + 1;
          }
        }
        next = close + 1;
      } else if (c === '[') {
        const close = src.indexOf(']', i);
        const chars = close < 0 ? '' : src.slice(i + 1, close);
        // A dash between two characters is a range: not spelt out.
        if (chars === '' || !LITERAL_CHARS.test(chars) || /.-./.test(chars)) return null;
        alts = [...chars];
        next = close + 1;
      } else if (!isLiteralCode(src.charCodeAt(i))) {
        return null;
      } else {
        alts = [c];
        next = i + 1;
      }
      const q = src.charAt(next);
      if (q === '*' || q === '+' || q === '{') return null;
      if (q === '?') {
        alts = [...alts, ''];
        next++;
      }
      const grown: string[] = [];
      for (const head of out) for (const a of alts) grown.push(head + a);
      if (grown.length > MAX_LITERALS) return null;
      out = grown;
      i = next;
    }
    return out;
  };
  const all = seq(source);
  if (all === null || (all.length === 1 && all[0] === source)) return null;
  const unique = [...new Set(all)].filter((x) => x.length >= 2);
  return unique.length === all.length ? unique.sort((a, b) => b.length - a.length) : null;
}

/** Place nouns a literal phrase may end on: its plural names the same setting ("crisis lines"). */
const PLURAL_NOUNS = /(?:center|centre|unit|team|program|programme|line|hotline|lifeline|hub|house|home|clinic|court|hospital|shelter|clubhouse|ward|jail|docket|site|department|room|setting|service|partner|liaison)$/;
/** Not "treatment centers": in employer names, chains of opioid treatment clinics (decision 100). */
const NO_PLURAL = new Set(['treatment center', 'treatment centre']);

/**
 * A literal phrase's spellings plus the plurals of those ending on a place noun ("crisis line" →
 * "crisis lines", "detention facility" → "detention facilities"), at most MAX_LITERALS (decision
 * 100). Null stays null.
 */
function withPlurals(literals: string[] | null): string[] | null {
  if (literals === null) return null;
  const out = [...literals];
  for (const lit of literals) {
    if (NO_PLURAL.has(lit.toLowerCase())) continue;
    const plural = PLURAL_NOUNS.test(lit) ? `${lit}s` : /(?:facility|agency)$/.test(lit) ? `${lit.slice(0, -1)}ies` : null;
    if (plural !== null && !out.includes(plural)) out.push(plural);
  }
  if (out.length === literals.length) return literals.length === 1 ? null : literals;
  return out.length > MAX_LITERALS * 2 ? (literals.length === 1 ? null : literals) : out.sort((a, b) => b.length - a.length);
}

/**
 * The phrases with their starts spelled out (see expandStart), neutral first (they exist to
 * swallow words), then strongest and longest; each with the trie word the scan stops on for it:
 * its literal start in lower case, or its first two characters when the start is shorter.
 */
function prepare(phrases: readonly Phrase[], cased: boolean): { candidate: Candidate; word: string }[] {
  const expanded: Phrase[] = [];
  // One object shape for every phrase keeps the scoring loop's property reads monomorphic.
  for (const ph of phrases) {
    const spelt = cased ? ph.source : spellings(ph.source);
    for (const start of ph.key === undefined ? expandStart(spelt) : [spelt]) {
      // A phrase with a few spellings is tried as that many plain literals (compared in place, no
      // regex call), and its whole text becomes its trie word, so the scan stops only where it is.
      const literals = ph.key === undefined ? withPlurals(LITERAL_CHARS.test(start) ? [start] : literalSpellings(start)) : null;
      for (const source of literals ?? [start]) expanded.push({ setting: ph.setting, source, weight: ph.weight, key: ph.key, hospitalAlias: ph.hospitalAlias, onSite: ph.onSite, also: ph.also, plus: ph.plus });
    }
  }
  const rank = (w: number): number => (w === NEUTRAL ? Infinity : w);
  expanded.sort((a, b) => rank(b.weight) - rank(a.weight) || b.source.length - a.source.length);
  return expanded.map((ph) => {
    const key = ph.key ?? keyOf(ph.source);
    if (key === null) throw new Error(`settings phrase without a literal start: ${ph.source}`);
    // The match's end is read from lastIndex and the phrase's start from its literal prefix: a
    // top-level alternative would match without that prefix, and a capture group is never needed.
    const shape = sourceShape(ph.source);
    if (shape.captureGroup) throw new Error(`settings phrase with a capture group: ${ph.source}`);
    if (shape.topLevelBar) throw new Error(`settings phrase with a top-level alternative: ${ph.source}`);
    const literal = ph.key === undefined ? literalPrefix(ph.source) : '';
    const prefix = cased ? literal : literal.toLowerCase();
    const word = literal.length >= 2 ? literal.toLowerCase() : key.toLowerCase();
    const re = literal === ph.source ? null : new RegExp(`(?:${ph.source})\\b`, cased ? 'y' : 'iy');
    return { candidate: { phrase: ph, prefix, cased, re }, word };
  });
}

const PREPARED = [...prepare(PHRASES, false), ...prepare(CASED_PHRASES, true)];

interface Group {
  /** A trie word (lower case) the scan stops on. */
  word: string;
  /** The phrases whose trie word starts with it, in the order they are tried. */
  candidates: Candidate[];
}

/** The slot of a word's first two characters: ASCII letters folded to lower case, digits kept. */
function pairIndex(a: number, b: number): number {
  return ((a | 0x20) & 0x7f) * 128 + ((b | 0x20) & 0x7f);
}

/**
 * The phrases that can match where the scan stopped, by the trie word it stopped on, filed by
 * the word's first two characters (an array slot, not a string hash: the text's word is compared
 * in place, never sliced or lower-cased). The scan stops on the shortest trie word the text starts
 * with there, so a phrase whose literal start the text has there has a trie word that starts with
 * it: that word's group holds it.
 */
const GROUPS = ((): (Group[][] | null)[] => {
  // Filled, not sparse: a sparse array of 16K slots falls back to slow dictionary lookups.
  const slots = new Array<Group[][] | null>(128 * 128).fill(null);
  const byWord = new Map<string, Group>();
  let longest = 0;
  for (const { word } of PREPARED) {
    if (!byWord.has(word)) byWord.set(word, { word, candidates: [] });
    longest = Math.max(longest, word.length);
  }
  // Each phrase joins the group of every trie word its own word starts with, in PREPARED's order
  // (a walk of its word's prefixes, not a filter of every phrase per word: loading stays fast).
  for (const { word, candidate } of PREPARED) {
    for (let k = 2; k <= word.length; k++) byWord.get(word.slice(0, k))?.candidates.push(candidate);
  }
  for (const group of byWord.values()) {
    const word = group.word;
    // Within a slot, by the word's length: the scan says how long the word it found is, so only
    // the one or two words of that length are compared (a slot such as "cr" holds dozens).
    const byLength = (slots[pairIndex(word.charCodeAt(0), word.charCodeAt(1))] ??= Array.from({ length: longest + 1 }, (): Group[] => []));
    (byLength[word.length] as Group[]).push(group);
  }
  return slots;
})();

/** The group of the trie word the scan found at `i` (`length` characters), or null. */
function groupAt(text: string, i: number, length: number): Candidate[] | null {
  const groups = GROUPS[pairIndex(text.charCodeAt(i), text.charCodeAt(i + 1))]?.[length];
  if (groups) {
    for (let k = 0; k < groups.length; k++) {
      const g = groups[k] as Group;
      // The scan matched `length` characters case-insensitively; the word of that length is the group.
      if (startsWithAt(text, i, g.word, false, 2)) return g.candidates;
    }
  }
  return null;
}

interface PhraseMatch {
  phrase: Phrase;
  index: number;
  end: number;
}

/**
 * The word starts worth trying: one native regex scan for any phrase's literal start (a trie of
 * them, case-insensitive; matchAt checks case and the rest). It replaced a JavaScript loop over
 * every character, which was the classifier's largest cost; most words start no phrase, and the
 * scan never stops at them.
 */
const WORD_START = new RegExp(`\\b${trieSource([...new Set(PREPARED.map((e) => e.word))].sort())}`, 'gi');

/**
 * One regex source matching any of `words` (lower case), factored as a trie ("re(?:entry|sidential)"),
 * so the engine follows one branch per character rather than trying every word in turn. A word
 * that is a prefix of another ends the match there: the caller only needs a candidate start.
 */
function trieSource(words: string[]): string {
  interface Node {
    end: boolean;
    next: Map<string, Node>;
  }
  const root: Node = { end: false, next: new Map() };
  for (const w of words) {
    let node = root;
    for (const ch of w) {
      let child = node.next.get(ch);
      if (!child) {
        child = { end: false, next: new Map() };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.end = true;
  }
  const esc = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const emit = (node: Node): string => {
    if (node.end) return '';
    const alts = [...node.next].map(([ch, child]) => esc(ch) + emit(child));
    return alts.length === 1 ? (alts[0] as string) : `(?:${alts.join('|')})`;
  };
  return emit(root);
}

/** Every phrase match in the text, in order, non-overlapping. Tries each candidate word start once. */
function findPhrases(text: string): PhraseMatch[] {
  const out: PhraseMatch[] = [];
  const re = WORD_START;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const i = m.index;
    // A match consumes its words: the next candidate starts after it. Else the next word may start
    // inside the literal start just scanned ("county jail" in "County jails" leaves "jails").
    const length = m[0].length;
    const group = groupAt(text, i, length);
    re.lastIndex = group !== null && matchAt(text, i, group, length, out) ? (out[out.length - 1] as PhraseMatch).end : i + 1;
  }
  return out;
}

/**
 * Tries the phrases that can start at word start `i`, in order; records the first match. The
 * scan matched the group's trie word there (`known` characters, case-insensitively), so a
 * case-insensitive literal start is compared only past it.
 */
function matchAt(text: string, i: number, group: Candidate[], known: number, out: PhraseMatch[]): boolean {
  for (let k = 0; k < group.length; k++) {
    const c = group[k] as Candidate;
    // Most candidates fail on their literal start; the regex runs only when the text has it.
    if (!startsWithAt(text, i, c.prefix, c.cased, c.cased ? 0 : known)) continue;
    const re = c.re;
    let end: number;
    if (re === null) {
      // `\b` after the literal: a word character on exactly one side of its end.
      end = i + c.prefix.length;
      if (isWordCode(text.charCodeAt(end - 1)) === isWordCode(text.charCodeAt(end))) continue;
    } else {
      re.lastIndex = i;
      if (!re.test(text)) continue;
      end = re.lastIndex;
    }
    out.push({ phrase: c.phrase, index: i, end });
    return true;
  }
  return false;
}

/** Section headings and what they say about the text under them. */
// "About the job" (LinkedIn) and "About the role" head the job itself, not the organisation.
// Title case too: "About the Role", "About This Position", and without the article: "About Job".
const HEADING_ABOUT_CASED = /^(?:About (?!(?:(?:[Tt]he|[Tt]his|[Yy]our) )?(?:[Jj]ob|[Rr]ole|[Pp]osition|[Oo]pportunity)\b)(?:[A-Z]|us\b|the\b)|ABOUT\b(?! (?:(?:THE|THIS|YOUR) )?(?:JOB|ROLE|POSITION|OPPORTUNITY)\b))/;
const HEADING_ABOUT = /^(?:about us|who we are|our (?:mission|story|organization|agency|company|vision|values)|company (?:description|overview)|organization(?:al)? overview|agency overview|why (?:join|work)|mission)/i;
const HEADING_BENEFITS = /^(?:benefits|what we offer|we offer|perks|compensation (?:and|&) benefits|total rewards|our benefits)/i;
const HEADING_EEO = /^(?:equal (?:employment )?opportunity|eeo|diversity|non-?discrimination|accommodations?)/i;
/** "THE AGENCY", "The Department": a county or state bulletin's section on the organisation. */
const HEADING_THE_ORG = /^the (?:agency|department|organi[sz]ation|company|county|division|employer)\s*:?$/i;
const HEADING_REQUIREMENTS = /^(?:qualifications|requirements|minimum (?:qualifications|requirements)|(?:preferred|required|desired|desirable|special) (?:qualifications|requirements)|education|experience|skills|knowledge|licensure|training and experience|what you(?:'ll)? (?:need|bring)|who you are)/i;
// Indeed prints "Job details" and "Full job description"; LinkedIn "About the job".
// County and state bulletins head the job with "Position Purpose", "Nature of Work", "Definition",
// "Examples of Duties", "Program Description" (081): the job's own text, after an about-us section.
const HEADING_JOB = /^(?:(?:full )?job (?:description|summary|overview|duties|details|purpose|functions)|about (?:(?:the|this|your) )?(?:job|role|position|opportunity)|(?:position|job|role) (?:summary|overview|description|purpose|information|duties|responsibilities|functions)|description(?: (?:and|&) (?:responsibilities|duties))?$|responsibilities|duties|essential (?:functions|duties|job functions|responsibilities)|what you(?:'ll| will)? do|the role|role|overview|summary|key responsibilities|program (?:description|overview|summary)|(?:general|primary|principal|major|main|typical|specific) (?:description|duties|responsibilities|functions)|nature of (?:the )?(?:work|position|job)|purpose of (?:the )?(?:position|job|role)|(?:the )?opportunity:?$|scope of (?:work|duties)|examples? of (?:essential |typical )?(?:duties|work|functions)|definition:?$|distinguishing characteristics|your role)/i;

/**
 * "About the Clayton HOPE Team", "About our Mobile Crisis Program": the team or program the job
 * is in, not the organisation, so the job's own text.
 */
const HEADING_ABOUT_UNIT =
  /^about (?:the |our |this )?(?:[\w'’&.-]+ ){0,6}(?:team|unit|program|programme|service|services|clinic|response|initiative|project)\b(?:\s*\([A-Z]{2,8}\))?[\s:]*$/i;
/** The first words of every heading pattern above (a gate before them: most short lines are fields). */
const HEADING_START =
  /^(?:about|who|our|company|organi[sz]ation|agency|why|mission|benefits|what|we|perks|compensation|total|equal|eeo|diversity|non|accommodation|the|qualifications|requirements|minimum|preferred|required|desired|desirable|special|licensure|training|education|experience|skills|knowledge|full|job|position|description|responsibilities|duties|essential|role|overview|summary|key|program|general|primary|principal|major|main|typical|specific|nature|purpose|opportunity|scope|examples?|definition|distinguishing|your)/i;
type SectionKind = 'about' | 'benefits' | 'eeo' | 'requirements' | 'job' | 'plain';
const SECTION_FACTOR: Readonly<Record<SectionKind, number>> = {
  about: 0.3,
  benefits: 0.15,
  eeo: 0,
  requirements: 0.6,
  job: 1,
  plain: 0.85,
};

/**
 * Sentences that list the employer's other programs, or are not about work at all (EEO,
 * insurance, retirement): about-us weight wherever they stand.
 */
const BOILERPLATE_WORDS = String.raw`equal opportunity|eeo|affirmative action|(?:medical|dental|vision|life|disability) insurance|insurance (?:plans?|coverage|benefits)|401\s?\(?k|paid time off`;
const BOILERPLATE = new RegExp(String.raw`\b(?:${BOILERPLATE_WORDS})\b`, 'i');
/**
 * BOILERPLATE and the words of a sentence about the organisation's other programs ("we also
 * operate", "our services", "services include"): about-us weight, except in a sentence about the
 * job itself (a duty verb first, or the role as subject: "Educate patients in the ED about our
 * services"), where only BOILERPLATE is (081).
 */
const BOILERPLATE_ANY = new RegExp(
  String.raw`\b(?:we also|also operates?|our (?:programs|services|continuum)|continuum of (?:care|services)|full (?:range|array|spectrum|continuum) of (?:[\w-]+ ){0,3}?(?:services|programs|care|supports)\b|array of services|variety of (?:programs|services)|programs include|services include|service lines? includes?|regardless of|${BOILERPLATE_WORDS})\b`,
  'i',
);
/** Words of an organisation's history and standing: such a sentence opens an about-us paragraph. */
const HISTORY = /\b(?:founded|established in|since (?:19|20)\d\d|is a (?:leading|private|regional|large|comprehensive)|largest (?:provider|health|behavioral|nonprofit|system)|our (?:agency|organization|organisation|company)|square miles|most populous|(?:has|with|employs) (?:about |roughly |over |more than |nearly |some )?[\d,]+ (?:employees|staff members)|(?:annual|operating) budget)\b/i;
/**
 * A sentence that opens an about-us paragraph: the organisation as its subject ("Founded in
 * 1972, ...", "We are a ...", "Our agency ...", "Today our 600 employees ..."). The employer's own
 * name as subject is checked separately (see employerLead).
 */
const ABOUT_LEAD =
  /^(?:founded|established|incorporated|since (?:19|20)\d\d|for (?:over |more than |nearly |almost )?\w+ (?:years|decades)|today,? (?:we|our)\b|we are (?:a|an|the|one)\b|we(?: also| proudly)? (?:provide|offer|operate|serve|deliver|run|have (?:served|been|provided|grown))\b|our (?:agency|organization|organisation|company|mission|vision|story|continuum|network|system|programs|services|service lines?|locations|\d[\d,]* (?:employees|staff))\b|(?:the )?(?:agency|organization|organisation|company|health system) (?:is|was|has|provides|offers|operates|serves)\b|at [A-Z][^,]{0,60}, we\b)/i;
/**
 * A paragraph headed inline, "About Hennepin County: we are ...": the organisation speaking about
 * itself, so about-us even when it names one setting (unlike a lead, see scoreSentence). "About
 * the role:" heads the job.
 */
const ABOUT_INLINE = /^about (?!(?:(?:the|this|your) )?(?:job|role|position|opportunity|team|work)\b)[^:.\n]{2,60}:\s/i;
/** The verb of an about-us sentence that names the employer as its subject. */
const ABOUT_VERB = /^[^,;:]{0,80}?\b(?:is|are|was|has|have|provides?|offers?|operates?|serves?|delivers?|runs?|includes?|employs|became)\b/;
/**
 * The sentence is about this job (its holder or its duties), so it is not about-us even when it
 * names the employer: "The Peer Recovery Specialist responds to our emergency department".
 */
const JOB_FOCUS =
  /\b(?:you|your|you'll|you're|this (?:position|role|job|opening|opportunity)|the (?:position|role|incumbent|candidate|successful candidate|selected candidate)|specialists?|coach(?:es)?|mentors?|advocates?|navigators?|bridgers?|technicians?|peer (?:support |recovery )?workers?|(?:outreach|support) workers?|incumbent|responsibilit(?:y|ies)|duties|the (?:peer|hire|new hire|person (?:hired|selected)|worker|employee)\b(?! (?:support|recovery|run|led|respite|groups?|cent(?:er|re)s?|networks?|movement)\b)|will (?:work|provide|support|serve|be (?:based|assigned|stationed|located|embedded))|(?:the )?work (?:may |will |can |often |usually )?(?:takes? place|happens?|occurs?|(?:is|are) (?:done|carried out|delivered|provided))|work settings?|(?:is|are|will be|may be|can be) (?:usually |typically |often |generally |currently )?(?:assigned|placed|based|stationed|embedded|deployed|co-located|outposted) (?:in|at|to|within|across|throughout|on))\b/i;
/** A sentence about this very job, its holder or its place (see scoreSentence). */
const JOB_SELF =
  /\b(?:you(?:'ll| will) (?:work|be (?:working|based|assigned|stationed|located|embedded))|this (?:position|role|job|opening)|the (?:incumbent|successful candidate|selected candidate|new hire|person (?:hired|selected))|(?:is|are|will be) (?:based|assigned|stationed|located|embedded|placed) (?:in|at|within|on))\b/i;
/**
 * A sentence or bullet that opens on a duty verb ("Provide peer support to residents of ...",
 * "• Give support through the regional hotline", "Facilitates groups at ...") is the job's duties,
 * even with no duties heading above it.
 */
const DUTY_START =
  /^(?:provides?|supports?|facilitates?|co-facilitates?|assists?|helps?|works?|serves?|meets?|engages?|conducts?|leads?|maintains?|attends?|advocates?|delivers?|offers?|staffs?|responds?|answers?|visits?|gives?|carr(?:y|ies) out|performs?|participates?|models?|shares?|mentors?|coaches?|teaches?|educates?|outreaches|reaches out)\b/i;
const OPENINGS = /\b(?:positions?|openings?|vacanc(?:y|ies)) (?:are |is )?(?:open|available)\b/i;
/** Sentences about what the candidate must have done before, not where this job is. */
// "Previous"/"prior" only before the worker's own history ("prior experience", "previous work"):
// "meets people in the ED after a previous overdose" is a duty in the ED (081).
// Not the peer's own "lived experience with recovery", which a duty sentence names ("use your lived
// experience with addiction to support patients in the emergency department").
const REQUIREMENT = /\b(?:(?<!\b(?:lived|living|personal|own|first-?hand|shared) )experience (?:in|with|working)|preferred|knowledge of|familiarity with|background in|(?:previous|prior) (?:\w+ )?(?:experience|work|employment|positions?|roles?|jobs?)|exposure to)\b/i;
/**
 * After these words a setting is where clients are sent, or the place they avoid, not where
 * the job is: "refers patients to outpatient", "warm handoffs to residential treatment",
 * "bridging them to outpatient care", "next steps including IOP or MAT", "divert people from
 * the emergency room". "Connect"/"link" count only with "to" ("connect them to treatment"):
 * "connect with veterans in the treatment court" is meeting people where the job is. The people a
 * job "deals with" or "interacts with" ("schools, courts and police") are contacts, not places.
 * What a program aims to reduce, prevent or cut, or what clients are at risk of ("cut ER use",
 * "at risk of psychiatric crisis"), is what they avoid; not a "prevention" topic ("relapse
 * prevention groups at the residential program" are held there, 081).
 */
const REFERRAL =
  /\b(?:refer(?:s|red|ral|rals|ring)?|(?:connect|link)(?:s|ed|ing|age|ages|ions?)?\s+(?:[\w'’-]+\s+){0,4}?(?:to|into)|navigat(?!ors?\b)\w*|access(?:ing)? to|transition(?:s|ing)? (?:to|into|from)|coordinat\w+ (?:[\w'’-]+ ){0,6}?with|link(?:s|ed|ing)?(?: up)? with(?= (?:[\w'’-]+ ){0,4}?(?:services|programs|providers|resources|supports|care)\b)|liaison (?:with|to|between)|deal(?:s|ing)? with|interact(?:s|ing)? with|reduc(?:e|es|ed|ing)|prevent(?:s|ed|ing)?|prevention of|cut(?:s|ting)?|risks? (?:of|for)|discharg\w+ (?:from|to)|follow(?:s|ing)?[- ]up|hand-?offs? (?:to|into)|bridg(?:es|ed|ing)|bridge (?:them|people|patients|clients|participants|individuals|members)|next steps?|step(?:s|ping)?[- ]down|options? (?:such as|including|like)|divert(?:s|ed|ing)?|instead of|rather than|alternatives? to|avoid(?:s|ing)?|lower(?:s|ed|ing)? (?:the )?(?:burden|risks?|need|chances?|likelihood|rates?)|regulat(?:e|es|ing)|licens(?:es|ing)|admissions? (?:of [\w'’-]+ (?:[\w'’-]+ )?)?(?:to|into)|(?:keeps?|maintains?|regular|ongoing) (?:[\w'’-]+ ){0,3}?contact with|differs? from|distinguished from|oversees? (?:[\w'’-]+ ){0,4}?(?:programs|initiatives|contracts|providers|grants|systems)|site reviews? of|(?:evaluat|review|monitor)\w* (?:the )?implementation of|contracted)\b/i;
/**
 * Destination words behind substring gates (see referralEnd), kept out of REFERRAL so most
 * sentences pay for one scan: a worker who drives or escorts clients to a place, the partners a
 * job works or connects with ("work with agency staff and community-based organizations",
 * "connects with community facilities and rehabilitation centres", decision 100), what a mission
 * keeps people out of, and the places clients are helped to reach.
 */
const REFERRAL_MORE =
  /\b(?:(?:transport|escort|driv|accompan)\w*\s+(?:[\w'’/-]+\s+){0,5}?(?:to|from)|(?:work(?:s|ing)?|collaborat\w+) (?:closely )?with(?= (?:[\w'’-]+ ){0,5}?(?:organi[sz]ations|agencies|providers|partners)\b)|partner(?:s|ed|ing)? (?:closely )?with(?= (?:[\w'’-]+ ){0,4}?(?:organi[sz]ations|agencies|providers|partners|offices?|departments?|law enforcement|police|sheriff(?:'s|s)?|courts?|hospitals?|schools?|jails?)\b)|connect(?:s|ed|ing)? with(?= (?:[\w'’-]+ ){0,5}?(?:organi[sz]ations|agencies|providers|partners|facilities)\b)|in partnership with|(?:keep|stay)(?:s|ing)?\s+(?:[\w'’-]+\s+){0,3}?out of|help(?:s|ing)?\s+(?:[\w'’-]+\s+){0,2}?(?:reach|access|get (?:in)?to|enrol+ in))\b/i;
// The same words as a trie (one branch per first letter): the gate runs on every scored sentence.
const REFERRAL_MORE_GATE = /a(?:ccompan|gencies)|driv|escort|facilities|help|o(?:rgani[sz]ations|ut of)|p(?:artner|roviders)|transport/i;
/**
 * Where service requests, information and data come from ("intake of service requests from
 * hospitals, courts and law enforcement", "gathers information from probation and parole") are
 * sources, not the job's setting (102, R1). Run only on sentences holding " from ".
 */
const SOURCE_FROM = /\b(?:requests?|information|collateral|data|records) (?:[\w'’-]+ ){0,2}?from\b/i;

/**
 * The candidate's past work as a requirement: "N years of (professional) experience in/at ...",
 * "experience working in ...", "one year as a ...", "current employment with ..." (102).
 */
const REQUIREMENT_OBJECT =
  /\b(?:(?<!\b(?:lived|living|personal|own|first-?hand|shared|recovery) )experience (?:[\w()'’-]+ ){0,8}?(?:in|at|with|within|for)\b|(?:years?|months?) (?:of (?:[\w-]+ ){0,3}?(?:experience|work|employment)\b|as an? )|(?:current|previous|prior|former) employment (?:with|at|in)\b)/i;

/** Where, in the text, a sentence's requirement object starts (see REQUIREMENT_OBJECT), or Infinity. */
function requirementStart(sentence: string, from: number): number {
  if (!sentence.includes('xperience') && !sentence.includes('year') && !sentence.includes('mploy') && !sentence.includes('onth')) return Infinity;
  const m = REQUIREMENT_OBJECT.exec(sentence);
  return m === null ? Infinity : from + m.index;
}

/** Where the first destination word of a sentence ends (its offset in the sentence), or -1. */
function referralEnd(sentence: string): number {
  const r = REFERRAL.exec(sentence);
  let at = r === null ? Infinity : r.index;
  let end = r === null ? -1 : r.index + r[0].length;
  if (REFERRAL_MORE_GATE.test(sentence)) {
    const m = REFERRAL_MORE.exec(sentence);
    if (m !== null && m.index < at) {
      at = m.index;
      end = m.index + m[0].length;
    }
  }
  if (sentence.includes(' from ')) {
    const m = SOURCE_FROM.exec(sentence);
    if (m !== null && m.index < at) {
      at = m.index;
      end = m.index + m[0].length;
    }
  }
  if (sentence.includes('mov') || sentence.includes('path')) {
    const m = REFERRAL_MOVE.exec(sentence);
    if (m !== null && m.index < at) end = m.index + m[0].length;
  }
  return end;
}

/**
 * More destination words, kept out of REFERRAL (one regex scan per sentence) and run only on
 * sentences holding "mov" or "path": "as they move on to outpatient care", "a pathway into
 * buprenorphine treatment" (not an employer named "Pathways to Recovery": an article comes first).
 */
const REFERRAL_MOVE = /\bmov(?:e|es|ed|ing) (?:on )?(?:to|into)\b|\b(?:a|the|their|his|her) path(?:way)? (?:in)?to\b/i;
/**
 * "No jail experience required", "not a crisis position", "non-hospital": the phrase is negated.
 * "Non-" negates only the word it is attached to: "non-life-threatening crisis calls" and
 * "non-clinical crisis support" still name a crisis service.
 */
const NEGATION = /(?:\b(?:no|not|without|never|nor|isn't|aren't|doesn't)[- ](?:[\w']+,?[- ]){0,3}|\bnon[- ])$/i;
/** A jail or prison people come from is re-entry work, not a job in the jail: "coming home from prison and jail". */
const ORIGIN = /\b(?:coming|returning|released|releasing|discharged|transitioning|exiting|leaving|re-?entering|home)\s+(?:home\s+)?from\s+(?:[\w'’.-]+[\s,]+){0,5}$/i;
/** People leaving a prison or jail ("help people leaving prison") are re-entry clients, as those coming from one are (102). */
const LEAVING = /\b(?:leaving|exiting)\s+(?:[\w'’.-]+[\s,]+){0,3}$/i;
/** A corrections department's community (supervision, rehabilitation, re-entry) division. */
const COMMUNITY_DIVISION = /\b(?:community [\w ,-]{0,40}?division|division of (?:community|reentry|re-entry|parole|probation)|re-?entry division|parole division|probation division)\b/i;
/** Sentences about release ("60 days before release", "on release day"): a jail there is in-reach unless the job is in it. */
const RELEASE_FRAME = /\b(?:before|prior to|upon|after|at|following|pending) (?:their |his or her |your )?release\b|\brelease (?:day|date|planning)\b|\bpre-?release\b|\bin-?reach\b/i;
/** A sentence about a hospital, for phrases whose setting depends on it (`hospitalAlias`). */
/** A sentence about addiction or substance use programmes (see the inpatient reading in scoreSentence). */
const ADDICTION_CONTEXT = /\b(?:addictions?|substance (?:use|abuse)|alcohol|drugs?|chemical dependency|sud)\b/i;
/** "Inpatient (and outpatient) facilities / programs": the kind of facility, not a hospital's unit. */
const INPATIENT_FACILITY_AFTER = /^(?:,?\s+(?:and|or|&)\s+[\w-]+){0,2}\s+(?:facilit(?:y|ies)|programs?|settings?|cent(?:er|re)s?|levels? of care)\b/i;
const HOSPITAL_CONTEXT = /\b(?:hospital|medical center|emergency department|psychiatric (?:unit|hospital)|health system)\b/i;
/**
 * A sentence that names youth beside adults or every age ("peers of every age, young adult to
 * older adult"; "Adult, Older Adult and Children and Youth Services"; "pediatric and adult patients",
 * decision 100) describes a lifespan service, not a youth program.
 */
const LIFESPAN = /\b(?<!young )adults\b|\b(?:and|or|&) adult\b|\b(?<!young )adult(?:,| and\b| or\b| &)|\bindividuals,|\bolder adults?\b|\bseniors\b|\b(?:every|all) ages?\b|\blifespan\b|\b(?:middle|old) age\b|\bstages of life\b|\badult (?:[\w-]+ )?courts?\b/i;
const PHONE_AFTER = /^[^\n\d]{0,16}(?:1[-. ]?)?\(?\d{3}\)?[-. ]?[\dA-Z]{3}[-. ]?[\dA-Z]{4}\b/;
const CALL_BEFORE = /\b(?:call|text|dial|chat)(?: or (?:call|text|chat))?\s*$/i;
/**
 * A sentence telling the reader to call, text or contact a line, with a number or a text code in
 * it ("for immediate help, contact the ... Hotline at 1-800-... or text HOME to 741741 to reach
 * the Crisis Text Line"): the lines it names are resources for the reader, wherever the number
 * stands in the sentence (081).
 */
const READER_LINE = /\b(?:call|text|dial|contact|reach)\b[^\n]{0,120}?(?:\(?\b\d{3}\)?[-. ]?\d{3}[-. ]?(?:\d{4}|[A-Z]{4})\b|\b\d{5,6}\b)|(?:\(?\b\d{3}\)?[-. ]?\d{3}[-. ]?(?:\d{4}|[A-Z]{4})\b|\b\d{5,6}\b)[^\n]{0,120}?\b(?:call|text|dial|contact|reach)\b/i;
/** Every number READER_LINE reads has three digits in a row: a gate before it. */
const THREE_DIGITS = /\d{3}/;
/**
 * A setting word naming what the job handles, not a place (102): "management of hospital and other
 * contractor resources", "correctional, detention and residential health care standards", "Police
 * Zones 1, 2 and 5" (an area of the city).
 */
const NOT_A_PLACE_AFTER =
  /(?:(?:,| and| or| &) (?:other )?[\w-]+){0,3}(?: health ?care| mental health| behavioral health)? (?:contract(?:or|ed)? )?(?:resources|contracts|budgets?|funding|costs|claims|billing|standards|guidelines|regulations|statutes|accreditation)\b| zones? \d/iy;
/** Release from jail on bond or recognizance is pretrial release, no re-entry (102). */
const BOND_AFTER = / (?:on|pending) (?:(?:a |an |their |his or her )?(?:personal |own )?(?:recognizance|bonds?|bail)|trial)\b/iy;
/**
 * The head noun decides what a place is: a "County Behavioral Health Resource Center" or a "Mental
 * Health Wellness Center" is a drop-in centre of that kind, not the county's clinic (102).
 */
const OTHER_CENTRE_AFTER = / (?:resource|wellness|drop-?in|recovery|peer|community) cent(?:er|re)s?\b/iy;
/**
 * People and organisations the job deals with, named by a setting word: "court officials",
 * "correctional agency staff", "correctional and law enforcement agencies" (R1: partners and
 * contacts are not the job's setting).
 */
const CONTACTS_AFTER = /(?:(?:,| and| or| &) [\w-]+(?: [\w-]+)?){0,2} (?:agency |agencies' )?(?:staff|officials|personnel|stakeholders|representatives)\b|(?: (?:and|or|&) [\w-]+(?: [\w-]+)?)? agencies\b/iy;

/** Does the sticky regex `re` match `text` at `at`? Most matches are followed by a word, a stop or a line end. */
function followedBy(re: RegExp, text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  // Every pattern above starts with a space or a comma.
  if (c !== 32 && c !== 44) return false;
  re.lastIndex = at;
  return re.test(text);
}
const LOCATIVE_BEFORE = /\b(?:in|inside|within|at|into|throughout)\s+(?:[\w'’.-]+\s+){0,4}$/i;

export interface SettingsInput {
  title?: string | null | undefined;
  employer?: string | null | undefined;
  /** Plain text of the description (see sanitizeDescription). */
  text?: string | null | undefined;
}

type Scores = Record<Setting, number>;

function emptyScores(): Scores {
  const s = {} as Scores;
  for (const k of SETTINGS) s[k] = 0;
  return s;
}

/**
 * Adds the phrases of a short, strong text (title or employer name). A weak phrase there is a
 * hint that needs company from the description: "Inpatient" in a title may be a psychiatric unit
 * or a rehab, and "Recovery Center" in a name may be a treatment provider.
 */
function scoreShort(text: string, factor: number, weakFactor: number, scores: Scores): void {
  for (const { phrase, index } of findPhrases(text)) {
    if (phrase.weight === NEUTRAL) continue;
    if (NEGATION.test(text.slice(Math.max(0, index - 30), index))) continue;
    const value = phrase.weight * (phrase.weight < NORMAL ? weakFactor : factor);
    scores[phrase.setting] += value;
    if (phrase.setting === 'hospital_ed') HOSPITAL_EVIDENCE[VA_SOURCE.test(phrase.source) ? 'va' : 'other'] += value;
    if (phrase.plus !== undefined) scores[phrase.plus] += value;
    if (phrase.weight < NORMAL && phrase.setting === 'specialty_court') COURT_WORDS.sum += value;
  }
}

type LineField = 'place' | 'report' | 'menu' | null;

/** What kind of field line `l` is (computed once, on demand). */
function lineField(text: string, l: Line): LineField {
  if (l.field !== undefined) return l.field;
  const long = l.end - l.start > 160;
  const line = long ? text.slice(l.start, l.start + 40) : text.slice(l.start, l.end).trim();
  const at = line.indexOf(':');
  let field: LineField = at > 0 && at < 32 ? (PLACE_FIELD.test(line) ? 'place' : REPORT_FIELD.test(line) ? 'report' : null) : null;
  if (field === null && !long && (isMenu(line, ' | ') || isMenu(line, ' > '))) field = 'menu';
  l.field = field;
  return field;
}

/**
 * Two or more " | " or " > " separators: a navigation bar or breadcrumb, not text about the job.
 * (Not " › ": searching a two-byte separator in a one-byte string costs more than the rest of the
 * line's tests together.)
 */
function isMenu(line: string, separator: string): boolean {
  const first = line.indexOf(separator);
  return first >= 0 && line.indexOf(separator, first + 3) >= 0;
}

/** The section a short line opens, or null when it is no heading (`head` starts with a HEADING_START word). */
function headingKind(head: string, text: string, end: number): SectionKind | null {
  if (HEADING_ABOUT_UNIT.test(head)) return 'job';
  if (HEADING_ABOUT_CASED.test(head) || HEADING_ABOUT.test(head)) return 'about';
  if (HEADING_BENEFITS.test(head)) return 'benefits';
  // An EEO heading opens a statement in prose; in a site's menu ("Equal Opportunity Information"
  // above "Job Opportunities") it heads nothing, and the job text below counts.
  if (HEADING_EEO.test(head)) return proseFollows(text, end) ? 'eeo' : null;
  if (HEADING_THE_ORG.test(head)) return 'about';
  if (HEADING_REQUIREMENTS.test(head)) return 'requirements';
  if (HEADING_JOB.test(head)) return 'job';
  return null;
}

/** Is the next non-empty line after `from` prose (a sentence), not another short menu or heading line? */
function proseFollows(text: string, from: number): boolean {
  let start = from + 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    if (line.length > 0) return line.length > 60 || /[.!?]$/.test(line);
    start = end + 1;
  }
  return false;
}

interface Line {
  start: number;
  end: number;
  kind: SectionKind;
  /**
   * A field line: 'place' says where the job is, 'report' names whom it reports to; 'menu' is a
   * site's navigation ("Home | Our Hospitals | Clinics | Careers"). Read only for lines that hold
   * a phrase (undefined until then, see lineField).
   */
  field: LineField | undefined;
}

/**
 * "Location: Central State Hospital", "UNIT: Behavioral Health Home", "Program: Supportive
 * Housing": a field that says where the job is counts as the job's own text wherever it stands.
 */
const PLACE_FIELD =
  /^[•*+\-–·\s]*(?:work |job |program |primary |service |duty |assigned )?(?:locations?|facility|site|unit|program|programme|department|division|worksite|work site|assignment|station|setting|company|employer|organi[sz]ation|hiring organi[sz]ation|agency)\s*:/i;
/**
 * "Supervisor: Residential Specialist", "Reports to: Director of Crisis Services": another
 * person's title, a hint about the organisation at most.
 */
const REPORT_FIELD = /^[•*+\-–·\s]*(?:immediate |direct )?(?:supervisor|reports? to|supervised by|positions? supervised|supervises)\s*:/i;

/** A label with its value on the same line ("Benefits Stipend: $2340"). */
const FIELD_VALUE = /:\s*\S/;

/** Splits the text into lines, each tagged with the section its nearest heading opens. */
function sectionLines(text: string): Line[] {
  const lines: Line[] = [];
  let kind: SectionKind = 'plain';
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // Only a short line can be a heading: a paragraph is not copied to find out.
    if (end - start <= 80) {
      const line = text.slice(start, end).trim();
      const last = line.charCodeAt(line.length - 1);
      // Not ending on ".", "!" or "?" (a sentence); past leading marks only when there are any (the
      // line is trimmed, so only "#", "*", "-" or "•" can start them).
      if (line.length > 0 && line.length <= 60 && last !== 46 && last !== 33 && last !== 63) {
        const c = line.charCodeAt(0);
        const head = c === 35 || c === 42 || c === 45 || c === 0x2022 ? line.replace(/^[#*\-•\s]+/, '') : line;
        const heading = HEADING_START.test(head) ? headingKind(head, text, end) : null;
        // "Benefits Stipend: $2340" is a field with its value, no heading over the lines below (102).
        if (heading !== null && !(heading === 'benefits' && FIELD_VALUE.test(head))) kind = heading;
      }
    }
    lines.push({ start, end, kind, field: undefined });
    start = end + 1;
  }
  return lines;
}

/**
 * Sentence breaks: end punctuation followed by a space, and line ends. Not after an
 * abbreviation or an initial ("St. Luke's", "Dr. Lee", "U.S. Army", "7 p.m. shifts"), so a
 * sentence keeps its subject.
 */
const SENTENCE_END = /[.!?;](?=\s)|\n/g;
const NO_BREAK_AFTER = new Set(['St', 'Dr', 'Mr', 'Mrs', 'Ms', 'Jr', 'Sr', 'Inc', 'Co', 'Corp', 'Ltd', 'No', 'vs', 'approx', 'Dept', 'Mt', 'Ft']);

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * Sentence start offsets, computed once per description (matches look their sentence up by binary
 * search). One native scan for the end marks; `test` keeps lastIndex and allocates nothing. The
 * word before a mark (letters, digits, underscore, as `\b` reads them) tells an abbreviation or
 * an initial.
 */
function sentenceStarts(text: string): number[] {
  const starts = [0];
  const re = SENTENCE_END;
  re.lastIndex = 0;
  let lineStart = 0;
  while (re.test(text)) {
    const i = re.lastIndex - 1;
    if (text.charCodeAt(i) === 10) {
      const long = i - lineStart >= WRAPPED_LINE;
      lineStart = i + 1;
      // A hard-wrapped paragraph (a board that breaks lines every ~70 characters): a line that
      // runs on into a lower-case word, or ends on a word that cannot end a sentence ("The work
      // may take place in / Veterans' homes, jails ..."), continues the sentence (081).
      // Only a long line can be a wrapped one (headings, fields and bullets are short), and most
      // line ends follow punctuation, a colon or another line end: no call for those.
      if (long) {
        const prev = text.charCodeAt(i - 1);
        // A possessive ("... take place in Veterans' / homes") ends on an apostrophe (084).
        if ((isWordCode(prev) || prev === 44 || prev === 39 || prev === 0x2019) && wrapped(text, i)) continue;
      }
    } else {
      let w = i;
      while (w > 0 && isWordCode(text.charCodeAt(w - 1))) w--;
      const len = i - w;
      if (len === 1 ? (text.charCodeAt(w) | 0x20) >= 97 && (text.charCodeAt(w) | 0x20) <= 122 : len > 1 && len <= 6 && NO_BREAK_AFTER.has(text.slice(w, i))) continue;
    }
    starts.push(i + 1);
  }
  return starts;
}

/** A line at least this long may be part of a hard-wrapped paragraph (boards wrap at ~60-80 characters). */
const WRAPPED_LINE = 40;
/** Words a sentence cannot end on: a line ending on one runs on into the next. */
const RUN_ON_WORDS: readonly string[][] = ((): string[][] => {
  const byLength: string[][] = [];
  for (const w of ['a', 'an', 'the', 'in', 'of', 'at', 'to', 'for', 'with', 'from', 'by', 'on', 'and', 'or', 'as', 'including', 'include', 'includes', 'our', 'their', 'your', 'its']) (byLength[w.length] ??= []).push(w);
  return byLength;
})();

/** Is the line break at `i` inside a hard-wrapped sentence (see sentenceStarts)? */
function wrapped(text: string, i: number): boolean {
  // Called only for a line that ends on a word or a comma (not on end punctuation, a colon or a
  // blank line).
  const next = text.charCodeAt(i + 1);
  if (next >= 97 && next <= 122) return true;
  if (!isWordCode(next)) return false;
  // The line's last word (letters only; a comma or a digit before the break ends no such word).
  let w = i;
  while (w > 0 && i - w <= 9) {
    const c = text.charCodeAt(w - 1) | 0x20;
    if (c < 97 || c > 122) break;
    w--;
  }
  if (w === i || i - w > 9 || (w > 0 && (isWordCode(text.charCodeAt(w - 1)) || text.charCodeAt(w - 1) === 39))) return false;
  // Compared in place (no slice per line break), against the words of the same length.
  const list = RUN_ON_WORDS[i - w];
  if (list) for (let k = 0; k < list.length; k++) if (startsWithAt(text, w, list[k] as string, false)) return true;
  return false;
}

function sentenceIndex(starts: number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Does the sentence have the employer as its subject ("Harbor Light Recovery Center has served ...")? */
function employerLead(sentence: string, employerWord: string | null): boolean {
  return employerWord !== null && sentence.startsWith(employerWord) && ABOUT_VERB.test(sentence.slice(employerWord.length));
}

/** The word an about-us sentence about this employer starts with: the first of its name, past "The". */
function employerFirstWord(employer: string | null | undefined): string | null {
  if (!employer) return null;
  const m = /^(?:the\s+)?([^\s,]{3,})/i.exec(employer.trim());
  return m?.[1] ?? null;
}

/**
 * What a sentence is, for settings: `lead` opens an about-us paragraph (the organisation as
 * subject); `about` continues one, lists other programs or is boilerplate; `job` is about the
 * job; `plain` is anything else.
 */
type SentenceKind = 'lead' | 'about' | 'job' | 'plain';

/**
 * Reads a description's sentences in order, paragraph by paragraph. A paragraph that opens on
 * the organisation (its name or "we"/"our agency" as subject, "Founded in ...", "since 1972")
 * stays about-us until a sentence turns to the job ("The Peer Support Specialist ...", "You
 * will ..."): "Harbor Light has served our region since 1972. Today our 600 employees deliver
 * outpatient counseling, residential treatment ..." lists the organisation's programs, not this
 * job's setting.
 */
class AboutReader {
  private line = -1;
  private next = 0;
  private carry = false;
  private readonly kinds: SentenceKind[] = [];
  /** Per sentence read, whether an about-us paragraph carried into it (its kind is computed from that on demand). */
  private readonly carried: boolean[] = [];

  constructor(
    private readonly text: string,
    private readonly starts: number[],
    private readonly employerWord: string | null,
  ) {}

  private sentence(k: number): string {
    const text = this.text;
    const end = (this.starts[k + 1] ?? text.length + 1) - 1;
    let start = this.starts[k] ?? 0;
    // Past leading spaces and bullet marks, without a regex replace (and its new string) per sentence.
    while (start < end && LEADING_MARK.test(text.charAt(start))) start++;
    return text.slice(start, end);
  }

  /**
   * Does sentence `s` say where the job's openings are? "Peer positions are open in many of our
   * programs, including ...". Every such sentence holds "open" or "availab" (two substring tests
   * skip the regex).
   */
  private static openings(s: string): boolean {
    return (s.includes('pen') || s.includes('vailab')) && OPENINGS.test(s);
  }

  /** Is sentence `s` about the job: its openings, a duty verb first, or the job as subject? */
  private static job(s: string, openings: boolean): boolean {
    return openings || DUTY_START.test(s) || JOB_FOCUS.test(s);
  }

  /** Does sentence `s` (not about the job) list the organisation's programs, or is it boilerplate? */
  private static aboutAny(s: string): boolean {
    return BOILERPLATE_ANY.test(s) || ABOUT_INLINE.test(s);
  }

  /** Does sentence `s` open an about-us paragraph (the organisation as its subject)? */
  private orgLead(s: string): boolean {
    return ABOUT_LEAD.test(s) || HISTORY.test(s) || employerLead(s, this.employerWord);
  }

  /** The kind of sentence `s`, `carry` telling whether an about-us paragraph runs into it. */
  private kindOf(s: string, carry: boolean, job: boolean, openings: boolean): SentenceKind {
    if (openings) return 'job';
    // A job sentence is about-us only for the not-work boilerplate (BOILERPLATE); any other sentence
    // also for the organisation's other programs (BOILERPLATE_ANY, one scan for both).
    if (job) return BOILERPLATE.test(s) || ABOUT_INLINE.test(s) ? 'about' : 'job';
    if (AboutReader.aboutAny(s)) return 'about';
    if (this.orgLead(s)) return carry ? 'about' : 'lead';
    return carry ? 'about' : 'plain';
  }

  /**
   * Reads up to sentence `si` of line `li` (whose first sentence is `first`). Sentences before
   * `si` are read only for the carry (most of a paragraph's sentences hold no phrase): once a
   * paragraph is about-us, a sentence that is not about the job keeps it so, and its other tests
   * are skipped; its kind is worked out only if asked for (see kind).
   */
  private advance(li: number, first: number, si: number): void {
    if (li !== this.line) {
      this.line = li;
      this.next = first;
      this.carry = false;
    }
    for (; this.next <= si; this.next++) {
      const k = this.next;
      const s = this.sentence(k);
      const openings = AboutReader.openings(s);
      const job = AboutReader.job(s, openings);
      const carry = this.carry;
      this.carried[k] = carry;
      if (k === si) {
        const kind = this.kindOf(s, carry, job, openings);
        this.kinds[k] = kind;
        this.carry = !job && (carry || kind === 'lead' || kind === 'about');
      } else {
        // The same carry as from the sentence's kind: not about the job, and carried, boilerplate or a lead.
        this.carry = !job && (carry || AboutReader.aboutAny(s) || this.orgLead(s));
      }
    }
  }

  kind(li: number, first: number, si: number): SentenceKind {
    this.advance(li, first, si);
    const known = this.kinds[si];
    if (known !== undefined) return known;
    // A sentence read only for the carry (callers ask in order, so this is a fallback).
    const carry = this.carried[si];
    if (carry === undefined) return 'plain';
    const s = this.sentence(si);
    const openings = AboutReader.openings(s);
    const kind = this.kindOf(s, carry, AboutReader.job(s, openings), openings);
    this.kinds[si] = kind;
    return kind;
  }
}

/**
 * The identity clause of a lead sentence: what the organisation *is* ("Cornerstone is a
 * residential substance use treatment center", "We are an outpatient MAT clinic"), up to the
 * first break or relative word. The settings named there are where its staff work.
 */
const IDENTITY_START = /\b(?:is|are)\s+(?!(?:also|proud|committed|dedicated|seeking|looking|hiring|an? (?:equal|eeo)|currently|now|to)\b)/i;
const IDENTITY_END = /[:;(,]|\b(?:with|that|which|who|where|serving|offering|providing|including|across|and (?:also|we|our|operates?|provides?|offers?|runs?))\b/i;

function identitySpan(sentence: string): [number, number] | null {
  const m = IDENTITY_START.exec(sentence);
  if (!m) return null;
  const start = m.index + m[0].length;
  const e = IDENTITY_END.exec(sentence.slice(start));
  return [start, e ? start + e.index : sentence.length];
}

/** A leading space or bullet mark of a sentence. */
const LEADING_MARK = /[\s•*\-–·]/;
/** A sentence naming this many different settings describes the organisation, not one job. */
const INVENTORY_SETTINGS = 3;
/** A duty bullet, whatever the mark: "•", or a dash, star or plus opening a line (084). */
const BULLET_MARKS = '•-*+–·';

function scoreDescription(text: string, employer: string | null | undefined, scores: Scores): void {
  const matches = findPhrases(text);
  if (matches.length === 0) return;
  const lines = sectionLines(text);
  // A job placed at a hospital (its title, employer or a location field names one): a treatment
  // unit its text names is the hospital's (see `hospitalAlias`).
  // Only read when a phrase depends on it (most descriptions have none).
  let atHospital = scores.hospital_ed >= THRESHOLD;
  let aliases = false;
  for (let k = 0; k < matches.length && !aliases; k++) {
    const ph = (matches[k] as PhraseMatch).phrase;
    aliases = ph.hospitalAlias === true || ph.also !== undefined;
  }
  for (let k = 0; aliases && k < lines.length && !atHospital; k++) {
    const l = lines[k] as Line;
    // A field line starts with its label: only a line with a colon near its start can be one.
    if (text.slice(l.start, Math.min(l.end, l.start + 32)).includes(':') && lineField(text, l) === 'place' && HOSPITAL_CONTEXT.test(text.slice(l.start, l.end))) atHospital = true;
  }
  // A job inside a prison or jail (its title or employer names one, or its text names one twice,
  // not as where people come from): a residential unit its text names is the prison's (102).
  let atJail = scores.jail_police >= THRESHOLD;
  for (let k = 0, named = 0; k < matches.length && !atJail; k++) {
    const mt = matches[k] as PhraseMatch;
    if (mt.phrase.setting === 'jail_police' && mt.phrase.weight >= NORMAL && !ORIGIN.test(text.slice(Math.max(0, mt.index - 80), mt.index))) atJail = ++named >= 2;
  }
  const starts = sentenceStarts(text);
  const reader = new AboutReader(text, starts, employerFirstWord(employer));
  const employerName = employer ? employer.trim() : null;
  let li = 0;
  for (let m = 0; m < matches.length; ) {
    const index = (matches[m] as PhraseMatch).index;
    const si = sentenceIndex(starts, index);
    const from = starts[si] ?? 0;
    const to = (starts[si + 1] ?? text.length + 1) - 1;
    let end = m;
    // A sentence whose phrases are all neutral ("high school diploma") scores nothing: skipped (the
    // about-us reader reads it as it reads any sentence before a scored one).
    let scored = false;
    for (; end < matches.length && (matches[end] as PhraseMatch).index < to; end++) if ((matches[end] as PhraseMatch).phrase.weight !== NEUTRAL) scored = true;
    while (li < lines.length - 1 && (lines[li] as Line).end < index) li++;
    const line = lines[li] as Line;
    let section = SECTION_FACTOR[line.kind];
    const field = scored && section > 0 ? lineField(text, line) : null;
    if (field !== null) section = field === 'place' ? SECTION_FACTOR.job : Math.min(section, field === 'menu' ? SECTION_FACTOR.benefits : SECTION_FACTOR.about);
    if (scored && section > 0) scoreSentence(text, matches, m, end, from, to, section, li, sentenceIndex(starts, line.start), si, reader, employerName, atHospital, atJail, starts, scores);
    m = end;
  }
}

/** Scores the matches [m, end) of one sentence; per setting, only its best evidence counts. */
function scoreSentence(
  text: string,
  matches: PhraseMatch[],
  m: number,
  end: number,
  from: number,
  to: number,
  section: number,
  li: number,
  firstSentence: number,
  si: number,
  reader: AboutReader,
  employerName: string | null,
  atHospital: boolean,
  atJail: boolean,
  starts: number[],
  scores: Scores,
): void {
  const sentence = text.slice(from, to);
  const kind = reader.kind(li, firstSentence, si);
  // The employer's own name at the head of the sentence was scored as the employer already.
  const skipTo = employerName !== null && sentence.startsWith(employerName) ? from + employerName.length : from;
  // The distinct settings the sentence places work in (not the places it refers people to).
  const seen = SEEN;
  seen.length = 0;
  const referral = referralEnd(sentence);
  let referralAt = referral < 0 ? Infinity : from + referral;
  // A list whose items are split by semicolons carries its head's referral: "Link participants to
  // community resources, such as financial aid; youth services; head start programs".
  if (referralAt === Infinity && from > 0 && text.charCodeAt(from - 1) === 59) {
    let k = si - 1;
    while (k > 0 && text.charCodeAt((starts[k] ?? 1) - 1) === 59) k--;
    const head = text.slice(starts[k] ?? 0, from);
    if (!head.includes('\n') && referralEnd(head) >= 0) referralAt = from;
  }
  // A hospital alias ("inpatient treatment") is the ED setting in a sentence that names a hospital;
  // that check runs at most once per sentence (inline, not a closure allocated per call).
  let hospital: boolean | null = atHospital ? true : null;
  for (let k = m; k < end; k++) {
    const { phrase: ph, index } = matches[k] as PhraseMatch;
    // Only settings named outright count: a weak hint ("prison", "courts", "schools") beside a
    // named setting does not make a duty sentence an inventory of the organisation's programs.
    if (ph.weight >= NORMAL && index >= skipTo && (index < referralAt || ph.onSite)) {
      if (ph.hospitalAlias) hospital ??= HOSPITAL_CONTEXT.test(sentence);
      const named = ph.hospitalAlias && hospital === true ? 'hospital_ed' : ph.setting;
      if (!seen.includes(named)) seen.push(named);
      if (ph.also && !(hospital ??= HOSPITAL_CONTEXT.test(sentence)) && !seen.includes(ph.also)) seen.push(ph.also);
    }
  }
  let factor = section;
  let identity: [number, number] | null = null;
  if (kind === 'about') factor = Math.min(section, SECTION_FACTOR.about);
  else if (kind === 'lead') {
    // A one-setting organisation describing itself names where its staff work ("CASES provides
    // behavioral health services in the New York City jails"); a lead that lists several
    // settings is an inventory, except for what the organisation says it *is*.
    factor = Math.min(section, seen.length <= 1 ? SECTION_FACTOR.plain : SECTION_FACTOR.about);
    if (seen.length > 1) identity = identitySpan(sentence);
  } else {
    // A sentence about the job's holder or duties in unlabelled text ("The Recovery Mentor staffs
    // the community center", "This position is based at the supportive housing program") is the
    // job's own description, as under a duties heading.
    if (kind === 'job' && section === SECTION_FACTOR.plain) factor = SECTION_FACTOR.job;
    // Under an about-us heading with no job heading after it, a sentence about this very job
    // ("This position is based in our emergency department", "You will ...") is the job's text,
    // though one about the organisation's peers in general stays about-us (081).
    let base = section;
    if (kind === 'job' && section === SECTION_FACTOR.about && JOB_SELF.test(sentence)) factor = base = SECTION_FACTOR.plain;
    if (REQUIREMENT.test(sentence)) factor = Math.min(base, SECTION_FACTOR.requirements);
    // An inventory in running text ("Along with outpatient counseling, we operate school-based
    // prevention, a residential program and a jail reentry program"); not a duty bullet, and not a
    // sentence about this job ("You will work across our ED, inpatient unit and crisis center").
    if (seen.length >= INVENTORY_SETTINGS && kind !== 'job' && !BULLET_MARKS.includes(text.charAt(from))) factor = Math.min(factor, SECTION_FACTOR.about);
  }
  const releaseFrame = (sentence.includes('eleas') || sentence.includes('reach')) && RELEASE_FRAME.test(sentence);
  let lifespan: boolean | null = null;
  let readerLine: boolean | null = null;
  let requirementAt: number | null = null;
  BEST_SETTINGS.length = 0;
  BEST_VALUES.length = 0;
  BEST_WEAK.length = 0;
  for (let k = m; k < end; k++) {
    const { phrase: ph, index, end: matchEnd } = matches[k] as PhraseMatch;
    if (ph.weight === NEUTRAL || index < skipTo) continue;
    if (NEGATION.test(text.slice(Math.max(from, index - 40), index))) continue;
    if (ph.hospitalAlias) hospital ??= HOSPITAL_CONTEXT.test(sentence);
    let setting: Setting = ph.hospitalAlias && hospital === true ? 'hospital_ed' : ph.setting;
    let weight = ph.weight;
    if (setting === 'youth_services' && (lifespan ??= LIFESPAN.test(sentence))) continue;
    // A bare "inpatient" in a sentence about addiction programmes that names no hospital is their
    // residential side ("addictions programs in inpatient and outpatient facilities", 102).
    if (setting === 'hospital_ed' && ph.weight === WEAK && ph.source.startsWith('in') && INPATIENT_FACILITY_AFTER.test(text.slice(matchEnd, matchEnd + 48)) && !(hospital ??= HOSPITAL_CONTEXT.test(sentence)) && ADDICTION_CONTEXT.test(sentence)) {
      setting = 'treatment_center';
      weight = NORMAL;
    }
    // A prison's residential programme ("a residential mental health program" of a federal
    // correctional facility, "residential health care standards" of immigration detention) is the
    // prison's unit, no treatment centre (102).
    if (setting === 'treatment_center' && atJail && ph.source.startsWith('residential')) continue;
    let f = factor;
    if (identity !== null && index - from >= identity[0] && index - from < identity[1]) f = Math.min(section, SECTION_FACTOR.plain);
    if (setting === 'jail_police') {
      const near = text.slice(Math.max(from, index - 80), index);
      if (ORIGIN.test(near) || LEAVING.test(near)) {
        setting = 'reentry';
        weight = Math.max(weight, NORMAL);
      } else if (ph.source.startsWith('department of correction') && COMMUNITY_DIVISION.test(sentence)) {
        // "Department of Correction, Community Rehabilitation Services Division": the department
        // names the employer, its community division the job's re-entry work (102).
        setting = 'reentry';
        weight = NORMAL;
      } else if (releaseFrame && !LOCATIVE_BEFORE.test(near)) {
        f *= 0.5;
      }
    } else if (setting === 'hospital_ed' && ORIGIN.test(text.slice(Math.max(from, index - 80), index))) {
      // A hospital people come from ("peers recently discharged from the state hospital") is where
      // the job's clients were, not where it is, as with a destination.
      f *= 0.25;
    }
    if (index >= referralAt && !ph.onSite) f *= 0.25;
    // Where the candidate worked before ("two years of experience in a probation agency", "one
    // year as a Correctional Counselor with the Department of Correction") is not this job (102).
    if (index >= (requirementAt ??= requirementStart(sentence, from))) f *= 0.25;
    // What follows the phrase may make it no place at all, or people the job deals with (102).
    // (Sticky regexes read the text at the match's end: no slice per match.)
    if (followedBy(NOT_A_PLACE_AFTER, text, matchEnd) || (setting === 'outpatient' && followedBy(OTHER_CENTRE_AFTER, text, matchEnd)) || (setting === 'reentry' && followedBy(BOND_AFTER, text, matchEnd))) continue;
    if (followedBy(CONTACTS_AFTER, text, matchEnd)) f *= 0.25;
    // A crisis line given with its number ("24-Hour Crisis Line: 855-555-0100") is a resource the
    // page advertises to readers (a site banner or footer), not the job's setting.
    // So is "call or text 988 if you are in crisis", told to the reader.
    if (setting === 'crisis_unit' && (PHONE_AFTER.test(text.slice(matchEnd, matchEnd + 40)) || (ph.key === '98' && CALL_BEFORE.test(text.slice(Math.max(from, index - 20), index))) || (readerLine ??= THREE_DIGITS.test(sentence) && READER_LINE.test(sentence)))) {
      f = Math.min(f, SECTION_FACTOR.about);
    }
    const value = weight * f;
    // The second setting only where the sentence names no hospital: a PES inside an emergency
    // department is the department's, a free-standing one is a crisis receiving center.
    addBest(setting, value, scores, weight < NORMAL);
    if (setting === 'hospital_ed') HOSPITAL_EVIDENCE[VA_SOURCE.test(ph.source) ? 'va' : 'other'] += value;
    if (ph.also !== undefined && !(hospital ??= HOSPITAL_CONTEXT.test(sentence))) addBest(ph.also, value, scores);
    if (ph.plus !== undefined) addBest(ph.plus, value, scores);
  }
}

/**
 * Per sentence, the settings named so far and each one's best evidence; reused (cleared per
 * sentence) so scoring allocates no Set or Map per sentence.
 */
const SEEN: Setting[] = [];
const BEST_SETTINGS: Setting[] = [];
const BEST_VALUES: number[] = [];
/** Per sentence, whether each setting's best evidence is a weak phrase (read for the court words). */
const BEST_WEAK: boolean[] = [];
/**
 * Per posting, the specialty-court evidence from weak words alone ("court", "judge", "courtroom"),
 * reset by settingScores. Every court has judges and courtrooms: however often a juvenile
 * probation or a trial court posting says "court", that is no treatment court until a court
 * programme is named (102). Capped at COURT_WORDS_CAP.
 */
const COURT_WORDS = { sum: 0 };
const COURT_WORDS_CAP = 0.75;

/** Within one sentence a setting counts once: its best evidence. */
function addBest(target: Setting, value: number, scores: Scores, weak = false): void {
  const at = BEST_SETTINGS.indexOf(target);
  const prev = at < 0 ? 0 : (BEST_VALUES[at] as number);
  if (value <= prev) return;
  scores[target] += value - prev;
  if (target === 'specialty_court') {
    if (at >= 0 && BEST_WEAK[at] === true) COURT_WORDS.sum -= prev;
    if (weak) COURT_WORDS.sum += value;
  }
  if (at < 0) {
    BEST_SETTINGS.push(target);
    BEST_VALUES.push(value);
    BEST_WEAK.push(weak);
  } else {
    BEST_VALUES[at] = value;
    BEST_WEAK[at] = weak;
  }
}

const THRESHOLD = 1;
/** The VA's medical centres and health care systems by name (RULINGS R2). */
const VA_SOURCE = /^(?:vamc|veterans affairs medical|va medical|va hospital|VA )/;
/**
 * Per posting, the hospital evidence from the VA's names and from everything else (reset by
 * settingScores). RULINGS R2: a VA medical center is hospital_ed unless the text places the job
 * in an outpatient clinic or team; a VA job whose only hospital cue is the centre's name and whose
 * text places it in outpatient care ("services on an outpatient basis") is outpatient (102).
 */
const HOSPITAL_EVIDENCE = { va: 0, other: 0 };
/**
 * Titles of case-review jobs (clinical peer review, utilization review, prior authorization). Not
 * a hospital's "Peer Review Coordinator", who runs the medical staff's reviews inside the hospital.
 */
const REVIEWER_TITLE = /\b(?:peer[- ]review (?:nurse|rn|physician|clinician|analyst)s?|reviewers?|utilization (?:review|management)|(?:prior |pre-?)authori[sz]ation|(?:case|medical|clinical) review)\b/i;
/**
 * A title naming crisis work ("Peer Support Specialist - Crisis", "Crisis Peer Mentor") names a
 * crisis service, though a bare "crisis" in a description is only a situation ("in times of
 * crisis"). Not a non-crisis line (a warmline), nor a crisis *system* project or plan (081).
 */
const TITLE_CRISIS = /(?<!\bnon[- ]?)\bcrisis\b(?! (?:system|systems|reform|plans?|planning|prevention)\b)/i;
const CENTRAL_OFFICE_TITLE = /\b(?:central|main|home|head) office\b|\bheadquarters\b/i;
/** An employer named as a therapy or counselling practice: the name ends on the service (and a suffix). */
const PRACTICE_EMPLOYER = /\b(?:therapy|counsell?ing|psychotherapy)\b(?:\s+(?:&|and)\s+\w+)?(?:\s+(?:services|group|associates|collective|practice|cent(?:er|re)|clinic|llc|inc\.?|pllc|p\.?c\.?|[A-Z]{2,4}))?\s*$/i;
/** Guests or residents who stay at the respite: a residential stay, not a day programme. */
const RESPITE_STAY = /\b(?:guests?|residents?) (?:(?:who|can|may) )?(?:stay(?:ing|s)?|sleep(?:ing|s)?)\b|\b(?:overnight|residential) respite\b/i;
const TITLE_FACTOR = 3;
const EMPLOYER_FACTOR = 2;
/** A weak phrase in a title or name counts less than one piece of evidence on its own. */
const SHORT_WEAK_FACTOR_TITLE = 1.5;
const SHORT_WEAK_FACTOR_EMPLOYER = 0.5;

/** Per-setting evidence, for tests and for explaining a classification. */
export function settingScores(input: SettingsInput): Record<Setting, number> {
  const scores = emptyScores();
  HOSPITAL_EVIDENCE.va = 0;
  HOSPITAL_EVIDENCE.other = 0;
  COURT_WORDS.sum = 0;
  if (input.title) {
    scoreShort(input.title, TITLE_FACTOR, SHORT_WEAK_FACTOR_TITLE, scores);
    if (scores.crisis_unit < THRESHOLD && TITLE_CRISIS.test(input.title)) scores.crisis_unit += NORMAL * TITLE_FACTOR;
  }
  if (input.employer) {
    scoreShort(input.employer, EMPLOYER_FACTOR, SHORT_WEAK_FACTOR_EMPLOYER, scores);
    // A therapy or counselling practice by its name ("Riverbend Therapy", "Lakeside Counseling
    // Associates") sees clients by appointment: an outpatient provider (084).
    if (scores.outpatient < THRESHOLD && PRACTICE_EMPLOYER.test(input.employer)) scores.outpatient += NORMAL;
  }
  // A reviewer reads cases from elsewhere: "peer review of inpatient psychiatric admissions" names
  // what is reviewed, not where the job is (usually remote, for a health plan).
  const reviewer = input.title ? REVIEWER_TITLE.test(input.title) : false;
  if (input.text && !reviewer) {
    // A central-office job (a state agency's headquarters) oversees programs from an office:
    // the settings its text names are the programs it plans or monitors, about-us evidence.
    const office = input.title ? CENTRAL_OFFICE_TITLE.test(input.title) : false;
    const target = office ? emptyScores() : scores;
    scoreDescription(input.text, input.employer, target);
    // A crisis respite whose guests stay there is a residential programme as well (DOMAIN.md:
    // respite is crisis_unit, and treatment_center when residential). Only texts naming a respite
    // are read again (084).
    if (target.crisis_unit >= THRESHOLD && target.treatment_center < THRESHOLD && (input.text.includes('espite') || input.title?.includes('espite')) && RESPITE_STAY.test(input.text)) {
      target.treatment_center = THRESHOLD;
    }
    if (office) for (const k of SETTINGS) scores[k] += target[k] * SECTION_FACTOR.about;
  }
  if (COURT_WORDS.sum > COURT_WORDS_CAP) scores.specialty_court -= COURT_WORDS.sum - COURT_WORDS_CAP;
  if (HOSPITAL_EVIDENCE.va > 0 && HOSPITAL_EVIDENCE.other < THRESHOLD && scores.hospital_ed >= THRESHOLD && scores.outpatient >= THRESHOLD) scores.hospital_ed = HOSPITAL_EVIDENCE.other;
  return scores;
}

/** The settings a posting is in, canonical keys in the order of SETTINGS. */
export function classifySettings(input: SettingsInput): Setting[] {
  const scores = settingScores(input);
  return SETTINGS.filter((s) => scores[s] >= THRESHOLD);
}
