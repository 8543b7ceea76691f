import type { Locale } from '@brobygge/core';

/**
 * One question of the risk assessment of a workplace placement. `hazard`: a "yes" names a
 * risk, and the answer must say in a note how it is handled. `minorsOnly`: asked only
 * when the pupils may be under 18 (the request's studentAge is under 18 or unknown).
 */
export interface RiskQuestionDef {
  key: string;
  hazard: boolean;
  minorsOnly: boolean;
  text: Record<Locale, string>;
}

/** The checklist's version: a submitted assessment records it; a new version asks again. */
export const RISK_CHECKLIST_VERSION = '2026-1';

/**
 * The risk checklist (docs/placements.md, with its sources: Arbetsmiljöverket's rules on
 * minors' work environment, AFS 2023:2, and Arbejdstilsynet's order on young people's
 * work), written in our own words. Fixed and versioned: changing a question means a new
 * version.
 */
export const RISK_QUESTIONS: readonly RiskQuestionDef[] = [
  {
    key: 'machines',
    hazard: true,
    minorsOnly: false,
    text: {
      sv: 'Kommer eleven att använda eller arbeta nära maskiner, elverktyg eller fordon?',
      da: 'Skal eleven bruge eller arbejde tæt på maskiner, elværktøj eller køretøjer?',
      nb: 'Skal eleven bruke eller arbeide nær maskiner, elektroverktøy eller kjøretøy?',
      en: 'Will the pupil use or work near machines, power tools or vehicles?',
    },
  },
  {
    key: 'forbidden_work',
    hazard: true,
    minorsOnly: true,
    text: {
      sv: 'Innebär någon uppgift arbete som är förbjudet för personer under 18 år (t.ex. farliga maskiner, lyftanordningar, truckkörning)?',
      da: 'Indebærer en opgave arbejde, som er forbudt for unge under 18 år (fx farlige maskiner, løfteudstyr, truckkørsel)?',
      nb: 'Innebærer en oppgave arbeid som er forbudt for personer under 18 år (f.eks. farlige maskiner, løfteutstyr, truckkjøring)?',
      en: 'Does any task involve work forbidden for under-18s (e.g. dangerous machines, lifting equipment, driving a forklift)?',
    },
  },
  {
    key: 'hazardous_substances',
    hazard: true,
    minorsOnly: false,
    text: {
      sv: 'Kommer eleven att hantera kemikalier eller andra farliga ämnen (giftiga, frätande, allergiframkallande, cancerframkallande)?',
      da: 'Skal eleven håndtere kemikalier eller andre farlige stoffer (giftige, ætsende, allergifremkaldende, kræftfremkaldende)?',
      nb: 'Skal eleven håndtere kjemikalier eller andre farlige stoffer (giftige, etsende, allergifremkallende, kreftfremkallende)?',
      en: 'Will the pupil handle chemicals or other hazardous substances (toxic, corrosive, sensitising, carcinogenic)?',
    },
  },
  {
    key: 'physical_load',
    hazard: true,
    minorsOnly: false,
    text: {
      sv: 'Innebär arbetet tunga lyft, ensidiga rörelser eller obekväma arbetsställningar?',
      da: 'Indebærer arbejdet tunge løft, ensidigt gentaget arbejde eller uhensigtsmæssige arbejdsstillinger?',
      nb: 'Innebærer arbeidet tunge løft, ensidige bevegelser eller ugunstige arbeidsstillinger?',
      en: 'Does the work involve heavy lifting, repetitive movements or awkward postures?',
    },
  },
  {
    key: 'environment',
    hazard: true,
    minorsOnly: false,
    text: {
      sv: 'Utsätts eleven för buller, vibrationer, värme, kyla, strålning eller arbete på höjd?',
      da: 'Udsættes eleven for støj, vibrationer, varme, kulde, stråling eller arbejde i højden?',
      nb: 'Utsettes eleven for støy, vibrasjoner, varme, kulde, stråling eller arbeid i høyden?',
      en: 'Is the pupil exposed to noise, vibration, heat, cold, radiation or work at height?',
    },
  },
  {
    key: 'working_hours',
    hazard: true,
    minorsOnly: true,
    text: {
      sv: 'Går arbetstiden utöver det som gäller för unga (längsta arbetsdag och arbetsvecka, raster, dygnsvila)?',
      da: 'Går arbejdstiden ud over det, der gælder for unge (længste arbejdsdag og -uge, pauser, hviletid)?',
      nb: 'Går arbeidstiden ut over det som gjelder for unge (lengste arbeidsdag og -uke, pauser, hviletid)?',
      en: 'Do the working hours go beyond what is allowed for young people (longest day and week, breaks, daily rest)?',
    },
  },
  {
    key: 'night_work',
    hazard: true,
    minorsOnly: true,
    text: {
      sv: 'Kommer eleven att arbeta kvällstid eller nattetid?',
      da: 'Skal eleven arbejde om aftenen eller om natten?',
      nb: 'Skal eleven arbeide om kvelden eller natten?',
      en: 'Will the pupil work in the evening or at night?',
    },
  },
  {
    key: 'lone_work',
    hazard: true,
    minorsOnly: false,
    text: {
      sv: 'Kommer eleven någon gång att arbeta ensam, utan en vuxen inom räckhåll?',
      da: 'Skal eleven på noget tidspunkt arbejde alene uden en voksen inden for rækkevidde?',
      nb: 'Skal eleven på noe tidspunkt arbeide alene uten en voksen innen rekkevidde?',
      en: 'Will the pupil at any time work alone, without an adult within reach?',
    },
  },
  {
    key: 'violence_threats',
    hazard: true,
    minorsOnly: false,
    text: {
      sv: 'Kan eleven utsättas för hot eller våld (t.ex. kontanthantering, ensam kundkontakt)?',
      da: 'Kan eleven blive udsat for trusler eller vold (fx kontanthåndtering, alene med kunder)?',
      nb: 'Kan eleven bli utsatt for trusler eller vold (f.eks. kontanthåndtering, alene med kunder)?',
      en: 'Could the pupil face threats or violence (e.g. handling cash, alone with customers)?',
    },
  },
  {
    key: 'protective_equipment',
    hazard: true,
    minorsOnly: false,
    text: {
      sv: 'Kräver någon uppgift personlig skyddsutrustning? (Arbetsplatsen tillhandahåller den och visar hur den används.)',
      da: 'Kræver en opgave personlige værnemidler? (Arbejdspladsen stiller dem til rådighed og viser, hvordan de bruges.)',
      nb: 'Krever en oppgave personlig verneutstyr? (Arbeidsplassen stiller det til rådighet og viser hvordan det brukes.)',
      en: 'Does any task need personal protective equipment? (The workplace provides it and shows how to use it.)',
    },
  },
  {
    key: 'forbidden_tasks',
    hazard: true,
    minorsOnly: false,
    text: {
      sv: 'Finns det uppgifter på arbetsplatsen som eleven inte får utföra eller delta i? (Ange vilka.)',
      da: 'Er der opgaver på arbejdspladsen, som eleven ikke må udføre eller deltage i? (Angiv hvilke.)',
      nb: 'Finnes det oppgaver på arbeidsplassen som eleven ikke får utføre eller delta i? (Oppgi hvilke.)',
      en: 'Are there tasks at the workplace the pupil must not do or take part in? (Name them.)',
    },
  },
  {
    key: 'supervision',
    hazard: false,
    minorsOnly: false,
    text: {
      sv: 'Är handledaren, eller en erfaren vuxen som handledaren utser, på plats hela tiden eleven arbetar?',
      da: 'Er vejlederen, eller en erfaren voksen som vejlederen udpeger, til stede hele tiden, mens eleven arbejder?',
      nb: 'Er veilederen, eller en erfaren voksen som veilederen utpeker, til stede hele tiden mens eleven arbeider?',
      en: 'Is the supervisor, or an experienced adult they appoint, present whenever the pupil works?',
    },
  },
  {
    key: 'introduction',
    hazard: false,
    minorsOnly: false,
    text: {
      sv: 'Får eleven en introduktion första dagen: arbetsplatsen, riskerna, nödutgångar, första hjälpen och vem man frågar?',
      da: 'Får eleven en introduktion den første dag: arbejdspladsen, risici, nødudgange, førstehjælp og hvem man spørger?',
      nb: 'Får eleven en introduksjon første dag: arbeidsplassen, risikoene, nødutganger, førstehjelp og hvem man spør?',
      en: 'Will the pupil get an introduction on the first day: the workplace, its risks, emergency exits, first aid and whom to ask?',
    },
  },
  {
    key: 'guardians_informed',
    hazard: false,
    minorsOnly: true,
    text: {
      sv: 'Delas riskbedömningen med skolan så att eleven och vårdnadshavarna kan informeras om den?',
      da: 'Deles risikovurderingen med skolen, så eleven og forældrene kan blive informeret om den?',
      nb: 'Deles risikovurderingen med skolen slik at eleven og foresatte kan informeres om den?',
      en: 'Is the risk assessment shared with the school so that the pupil and their guardians can be told about it?',
    },
  },
];

const BY_KEY = new Map(RISK_QUESTIONS.map((q) => [q.key, q]));

export function riskQuestion(key: string): RiskQuestionDef | undefined {
  return BY_KEY.get(key);
}

/** Whether the minors-only questions apply: pupils under 18, or of unknown age. */
export function asksMinorsQuestions(studentAge: number | null | undefined): boolean {
  return studentAge === null || studentAge === undefined || studentAge < 18;
}
