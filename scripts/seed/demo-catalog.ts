/**
 * The demo catalogue: what the demo partners offer and what the demo schools ask for,
 * written in each organisation's language. Swedish items cover the three focus areas of
 * the Malmö strategy (life science and health; process technology; technology, energy
 * and green tech); the Danish and Norwegian ones follow their regions' own strategies
 * (Copenhagen's life-science cluster, Tromsø's sea, aquaculture and Arctic research).
 *
 * Dates are relative to the day of seeding, so the catalogue is always current.
 * Unverified partners' offers stay DRAFT (they may not publish).
 */
import { ActivityType as A, DeliveryMode as D } from '@brobygge/catalog';

const { AT_SCHOOL: SCH, AT_PARTNER: PAR, REMOTE: REM } = D;

export interface DemoOffer {
  org: string;
  type: A;
  title: string;
  description: string;
  focus: string[];
  capacity: number;
  modes: D[];
  /** Days from today to the first available day, and how many days it stays available. */
  start: number;
  days: number;
  groupSizeMax?: number;
  minAge?: number;
  radiusKm?: number;
  backgroundCheck?: boolean;
  extraLanguages?: string[];
}

export interface DemoRequest {
  org: string;
  type: A;
  title: string;
  description: string;
  focus: string[];
  quantity: number;
  modes: D[];
  start: number;
  days: number;
  groupSize?: number;
  age?: number;
  maxTravelKm?: number;
  extraLanguages?: string[];
}

type OfferRow = [A, string, string, string[], number, D[], number, number, Partial<DemoOffer>?];
type RequestRow = [A, string, string, string[], number, D[], number, number, Partial<DemoRequest>?];

const offers = (org: string, rows: OfferRow[]): DemoOffer[] =>
  rows.map(([type, title, description, focus, capacity, modes, start, days, extra]) => ({
    org,
    type,
    title,
    description,
    focus,
    capacity,
    modes,
    start,
    days,
    ...extra,
  }));
const requests = (org: string, rows: RequestRow[]): DemoRequest[] =>
  rows.map(([type, title, description, focus, quantity, modes, start, days, extra]) => ({
    org,
    type,
    title,
    description,
    focus,
    quantity,
    modes,
    start,
    days,
    ...extra,
  }));

// One row per line: a table to read down, not a literal to reflow.
// prettier-ignore
export const DEMO_OFFERS: DemoOffer[] = [
  ...offers('mau', [
    [A.GUEST_LECTURE, 'Gästföreläsning: Hur fungerar ett vaccin?', 'En forskare i biomedicin berättar hur vaccin tas fram, testas och godkänns, och vad eleverna själva kan göra för att granska påståenden om hälsa. 60 minuter med frågestund.', ['medicine-pharmacy', 'biology'], 12, [SCH, REM], 10, 150, { groupSizeMax: 35, minAge: 15, radiusKm: 30, extraLanguages: ['en'] }],
    [A.STUDY_VISIT, 'Studiebesök i Malmö universitets vårdlabb', 'Eleverna prövar på simulerad vård i sjuksköterskeprogrammets träningsmiljö: hygien, blodtryck och kommunikation med patient. Passar vård- och omsorgsprogrammet.', ['care'], 6, [PAR], 20, 120, { groupSizeMax: 16, minAge: 16 }],
    [A.GUEST_LECTURE, 'Programmering och AI i vardagen', 'Vad är en språkmodell, hur tränas den och var går gränserna? Föreläsning med korta övningar som eleverna gör i webbläsaren. Ingen förkunskap krävs.', ['computing-ai', 'mathematics'], 15, [SCH, REM], 7, 180, { groupSizeMax: 60, minAge: 13, radiusKm: 25 }],
    [A.PROJECT, 'Elevprojekt: Hållbar stadsdel', 'Ett sexveckorsprojekt där elever kartlägger energi, grönytor och trafik i sin egen stadsdel och presenterar förslag för forskare i urbana studier.', ['environment-climate', 'engineering'], 4, [SCH, PAR], 30, 120, { minAge: 15, radiusKm: 20 }],
    [A.MENTORING, 'Studentmentorer för gymnasieelever inom naturvetenskap', 'Studenter från lärarutbildningen och biomedicin träffar en grupp elever varannan vecka en termin: läxhjälp, studieval och hur det är att plugga vidare.', ['biology', 'chemistry', 'mathematics'], 8, [SCH, REM], 14, 160, { groupSizeMax: 10, minAge: 15, radiusKm: 15 }],
    [A.TEACHER_TRAINING, 'Fortbildning för lärare: undersökande arbetssätt i kemi', 'En halvdag för NO- och kemilärare om laborationer som fungerar i vanliga klassrum, med material att ta med sig. Ges på campus eller digitalt.', ['chemistry'], 5, [PAR, REM], 25, 100, { groupSizeMax: 30 }],
    [A.EVENT, 'Öppet labb: Forskarnas natt', 'Kvällsevenemang med experiment, korta föredrag och möten med unga forskare. Skolklasser får boka en guidad runda före den öppna delen.', ['biology', 'physics', 'biotechnology'], 10, [PAR], 45, 10, { groupSizeMax: 30, minAge: 12 }],
  ]),
  ...offers('lu', [
    [A.STUDY_VISIT, 'Besök på LTH:s kemicentrum', 'Guidad tur i undervisningslabben och en demonstration av analysinstrument som används i läkemedels- och livsmedelsindustrin. Därefter samtal med studenter.', ['chemistry', 'materials'], 8, [PAR], 14, 150, { groupSizeMax: 30, minAge: 15 }],
    [A.GUEST_LECTURE, 'Fysik från kvark till kosmos', 'En forskare i partikelfysik berättar om ESS och MAX IV i Lund och om vad forskningsanläggningarna betyder för regionen. Kan ges digitalt.', ['physics'], 10, [SCH, REM], 7, 170, { groupSizeMax: 90, minAge: 14, radiusKm: 60, extraLanguages: ['en'] }],
    [A.EVENT, 'Vattenhallen: experimentdag för högstadiet', 'En dag i Vattenhallen Science Center med stationer om el, ljus och ljud, ledda av teknologer. Klasser bokas förmiddag eller eftermiddag.', ['physics', 'electricity-energy'], 12, [PAR], 20, 90, { groupSizeMax: 30, minAge: 12 }],
    [A.PROJECT, 'Programmeringsprojekt med robotar', 'Elever bygger och programmerar en enkel robot under fyra tillfällen med handledning av doktorander i reglerteknik. Material lånas ut.', ['computing-ai', 'engineering'], 5, [SCH, PAR], 28, 110, { groupSizeMax: 24, minAge: 14, radiusKm: 60 }],
    [A.TEACHER_TRAINING, 'Matematikdidaktik: modellering med riktiga data', 'Två eftermiddagar för matematiklärare om att låta elever modellera med öppna data från SMHI och SCB.', ['mathematics'], 4, [REM, PAR], 35, 80, { groupSizeMax: 25 }],
    [A.MENTORING, 'Tjejer i teknik: mentorskap med civilingenjörsstudenter', 'Studenter vid LTH är mentorer för elever som funderar på teknikutbildning. Sex träffar, varav två på campus.', ['engineering', 'computing-ai'], 6, [SCH, PAR, REM], 21, 150, { groupSizeMax: 12, minAge: 15, radiusKm: 60 }],
  ]),
  ...offers('sus', [
    [A.WORKPLACE_PLACEMENT, 'APL-plats på medicinsk vårdavdelning', 'Tre veckors arbetsplatsförlagt lärande för elever på vård- och omsorgsprogrammet, med handledare på avdelningen. Belastningsregisterutdrag krävs.', ['care'], 6, [PAR], 21, 120, { minAge: 17, backgroundCheck: true }],
    [A.WORKPLACE_PLACEMENT, 'APL inom äldrevård och rehabilitering', 'Placering på geriatrisk rehabilitering i Malmö: omvårdnad, förflyttningsteknik och teamarbete med fysioterapeuter och arbetsterapeuter.', ['care'], 4, [PAR], 28, 140, { minAge: 17, backgroundCheck: true }],
    [A.STUDY_VISIT, 'Studiebesök på laboratoriemedicin', 'Hur analyseras ett blodprov? Besök i sjukhusets laboratorier med biomedicinska analytiker, från provtagning till svar.', ['medicine-pharmacy', 'biology'], 5, [PAR], 14, 150, { groupSizeMax: 15, minAge: 16 }],
    [A.GUEST_LECTURE, 'Yrken i vården: sjuksköterska, undersköterska, läkare', 'Tre medarbetare berättar om sina yrken, vägen dit och en vanlig arbetsdag. Passar elever som väljer gymnasieprogram.', ['care', 'medicine-pharmacy'], 10, [SCH, REM], 7, 170, { groupSizeMax: 120, minAge: 13, radiusKm: 20 }],
    [A.WORKPLACE_PLACEMENT, 'APL på sterilteknisk enhet', 'Två veckors APL för elever på vård- eller industritekniska programmet: rengöring, kontroll och sterilisering av instrument.', ['care', 'manufacturing'], 2, [PAR], 35, 100, { minAge: 17, backgroundCheck: true }],
    [A.GUEST_LECTURE, 'Antibiotikaresistens – ett globalt hot', 'En infektionsläkare förklarar hur resistens uppstår och sprids och vad vården gör. Med diskussionsfrågor för biologi- och kemilektioner.', ['medicine-pharmacy', 'biology'], 8, [SCH, REM], 10, 160, { groupSizeMax: 60, minAge: 15, radiusKm: 30 }],
    [A.EVENT, 'Vårdens dag för niondeklassare', 'En förmiddag där elever möter olika vårdyrken vid stationer: hjärt-lungräddning, hygien och ambulansens utrustning.', ['care'], 6, [PAR], 50, 7, { groupSizeMax: 28, minAge: 14 }],
  ]),
  ...offers('miljo', [
    [A.GUEST_LECTURE, 'Malmös klimatomställning: vad gör staden?', 'Miljöförvaltningen berättar om stadens klimatmål, energieffektivisering och hur eleverna kan påverka. Med lokala siffror om utsläpp.', ['environment-climate'], 10, [SCH, REM], 7, 170, { groupSizeMax: 90, minAge: 13, radiusKm: 15 }],
    [A.STUDY_VISIT, 'Provtagning av vatten i Malmös kanaler', 'Eleverna tar vattenprover tillsammans med miljöinspektörer och analyserar näringsämnen och syrehalt. Stövlar lånas ut.', ['environment-climate', 'chemistry', 'biology'], 6, [PAR], 30, 100, { groupSizeMax: 25, minAge: 14 }],
    [A.PROJECT, 'Luftkvalitet på skolgården', 'Skolan lånar mätutrustning för partiklar och kvävedioxid i fyra veckor; eleverna jämför med stadens mätstationer och rapporterar tillbaka.', ['environment-climate', 'physics', 'mathematics'], 4, [SCH], 21, 140, { minAge: 13, radiusKm: 15 }],
    [A.WORKPLACE_PLACEMENT, 'Praktik på miljöförvaltningen', 'Två veckors praktik för elever på naturvetenskaps- eller teknikprogrammet: tillsyn, miljöövervakning och kommunikation.', ['environment-climate'], 2, [PAR], 40, 120, { minAge: 16 }],
    [A.EVENT, 'Klimatveckan: workshop om matsvinn', 'Interaktiv workshop om matsvinn och klimatpåverkan, med övningar som klassen kan fortsätta med i skolmatsalen.', ['environment-climate', 'food-production'], 8, [SCH], 45, 14, { groupSizeMax: 32, minAge: 10, radiusKm: 15 }],
    [A.TEACHER_TRAINING, 'Klimat i undervisningen: lokala data för lärare', 'Fortbildning om stadens öppna miljödata och hur de kan användas i matematik, samhällskunskap och naturkunskap.', ['environment-climate', 'mathematics'], 3, [REM], 20, 120, { groupSizeMax: 40 }],
  ]),
  ...offers('oresund-bio', [
    [A.STUDY_VISIT, 'Studiebesök i vårt bioteknikslabb', 'Eleverna följer en forskare genom cellodling, PCR och proteinanalys och får höra hur ett läkemedel tar sig från idé till patient.', ['biotechnology', 'biology'], 6, [PAR], 14, 150, { groupSizeMax: 16, minAge: 16 }],
    [A.WORKPLACE_PLACEMENT, 'APL för laboratorieelever', 'Fyra veckors APL för elever med inriktning mot laboratorieteknik: provberedning, dokumentation enligt GMP och säkerhet.', ['biotechnology', 'chemistry'], 3, [PAR], 30, 140, { minAge: 17 }],
    [A.GUEST_LECTURE, 'Gentekniken CRISPR – möjligheter och etik', 'Föreläsning om hur gensaxen används i forskning och industri, med en etisk diskussion som eleverna leder.', ['biotechnology', 'biology'], 10, [SCH, REM], 7, 170, { groupSizeMax: 60, minAge: 15, radiusKm: 25, extraLanguages: ['en'] }],
    [A.MENTORING, 'Mentor från life science-branschen', 'En medarbetare är mentor för två elever under en termin: yrkesval, studier och hur en vanlig dag ser ut i branschen.', ['biotechnology', 'medicine-pharmacy'], 4, [REM, PAR], 21, 150, { groupSizeMax: 2, minAge: 16 }],
    [A.PROJECT, 'Elevprojekt: Hur renar man ett enzym?', 'Ett laborationsprojekt i tre steg för kemi- och biologikurser, med material från oss och en slutredovisning för våra forskare.', ['biotechnology', 'chemistry'], 3, [SCH, PAR], 28, 120, { groupSizeMax: 30, minAge: 16, radiusKm: 20 }],
    [A.EVENT, 'Life science-dag i Hyllie', 'Företagen i Hyllie visar upp sig: labbrundtur, yrkestorg och samtal med unga anställda. För årskurs 9 och gymnasiet.', ['biotechnology', 'medicine-pharmacy'], 8, [PAR], 55, 5, { groupSizeMax: 30, minAge: 14 }],
    [A.TEACHER_TRAINING, 'Lärarfortbildning: bioteknik i gymnasiet', 'En dag i labbet för biologilärare med moderna metoder som går att förenkla för skolan.', ['biotechnology'], 2, [PAR], 40, 90, { groupSizeMax: 16 }],
  ]),
  ...offers('malmo-energi', [
    [A.STUDY_VISIT, 'Besök på kraftvärmeverket i Hamnen', 'Se hur avfall blir el och fjärrvärme. Guidad tur i anläggningen med drifttekniker; skyddsutrustning lånas ut.', ['electricity-energy', 'environment-climate'], 10, [PAR], 14, 160, { groupSizeMax: 25, minAge: 14 }],
    [A.WORKPLACE_PLACEMENT, 'APL för el- och energiprogrammet', 'Fyra veckors APL hos våra elektriker och drifttekniker: service på elnät, mätning och säkerhetsarbete.', ['electricity-energy', 'engineering'], 4, [PAR], 30, 140, { minAge: 17 }],
    [A.GUEST_LECTURE, 'Solceller, vind och batterier: Malmös energi 2030', 'En energiingenjör berättar hur elnätet ställs om till förnybart och vilka yrken som behövs för det.', ['electricity-energy', 'environment-climate'], 12, [SCH, REM], 7, 170, { groupSizeMax: 90, minAge: 13, radiusKm: 20 }],
    [A.WORKPLACE_PLACEMENT, 'APL inom fastighetsautomation', 'Placering hos vår avdelning för styr- och reglerteknik i fastigheter: givare, programmering av styrsystem och energiuppföljning.', ['engineering', 'computing-ai'], 2, [PAR], 35, 120, { minAge: 17 }],
    [A.PROJECT, 'Elevprojekt: Energijakten', 'Eleverna mäter skolans elförbrukning med våra mätare i en månad och tar fram ett sparförslag; vi utser bästa förslag.', ['electricity-energy', 'mathematics'], 5, [SCH], 21, 140, { minAge: 13, radiusKm: 20 }],
    [A.MENTORING, 'Mentor för elever på teknikprogrammet', 'Ingenjörer är mentorer för elever i årskurs 3 under gymnasiearbetet, en träff i månaden.', ['engineering', 'electricity-energy'], 6, [SCH, REM], 20, 160, { groupSizeMax: 4, minAge: 17, radiusKm: 20 }],
    [A.EVENT, 'Teknikdagen i Hamnen', 'Öppet hus med provstationer för el, fjärrvärme och återvinning, för årskurs 8–9.', ['electricity-energy', 'engineering', 'environment-climate'], 8, [PAR], 60, 3, { groupSizeMax: 30, minAge: 13 }],
  ]),
  ...offers('skane-food', [
    [A.STUDY_VISIT, 'Studiebesök i livsmedelsfabriken', 'Från råvara till färdig produkt: processlinjer, hygienzoner och kvalitetskontroll i en modern livsmedelsfabrik.', ['food-production', 'manufacturing'], 6, [PAR], 21, 150, { groupSizeMax: 20, minAge: 15 }],
    [A.WORKPLACE_PLACEMENT, 'APL för industritekniska programmet', 'Fyra veckor i produktionen med handledare: processövervakning, underhåll och livsmedelssäkerhet.', ['food-production', 'manufacturing'], 3, [PAR], 30, 140, { minAge: 17 }],
    [A.GUEST_LECTURE, 'Kemin bakom maten', 'Varför jäser degen och hur håller man mat fräsch? En livsmedelskemist om processer i livsmedelsindustrin.', ['chemistry', 'food-production'], 8, [SCH, REM], 14, 150, { groupSizeMax: 60, minAge: 13, radiusKm: 80 }],
    [A.PROJECT, 'Produktutveckling: ett hållbart mellanmål', 'Eleverna utvecklar ett mellanmål med låg klimatpåverkan och får återkoppling från vår utvecklingsavdelning.', ['food-production', 'environment-climate'], 3, [SCH, REM], 30, 120, { minAge: 14, radiusKm: 80 }],
  ]),
  ...offers('hovedstaden-pharma', [
    [A.STUDY_VISIT, 'Virksomhedsbesøg: fra molekyle til medicin', 'Eleverne besøger vores produktion og kvalitetskontrol og hører, hvordan et lægemiddel udvikles, testes og godkendes.', ['medicine-pharmacy', 'chemistry'], 8, [PAR], 14, 150, { groupSizeMax: 25, minAge: 16 }],
    [A.GUEST_LECTURE, 'Gæsteforelæsning: diabetes og insulin', 'En forsker fortæller om diabetes, insulinets historie og fremtidens behandlinger. Passer til biologi og bioteknologi på A-niveau.', ['medicine-pharmacy', 'biology'], 10, [SCH, REM], 7, 170, { groupSizeMax: 90, minAge: 15, radiusKm: 40, extraLanguages: ['en'] }],
    [A.WORKPLACE_PLACEMENT, 'Praktik i laboratoriet for laborantelever', 'Tre ugers praktik for laborantelever: prøveforberedelse, analyser og dokumentation efter GMP.', ['chemistry', 'biotechnology'], 4, [PAR], 30, 140, { minAge: 17 }],
    [A.PROJECT, 'Studieretningsprojekt om bioteknologi', 'Gymnasieelever får vejledning af vores forskere til deres SRP i bioteknologi, med et laboratoriebesøg og to online møder.', ['biotechnology'], 6, [REM, PAR], 21, 150, { groupSizeMax: 4, minAge: 17 }],
    [A.MENTORING, 'Mentorordning: vejen til en karriere i life science', 'Medarbejdere er mentorer for elever i 2.g og 3.g, fire møder over et semester.', ['medicine-pharmacy', 'biotechnology'], 6, [REM, SCH], 20, 160, { groupSizeMax: 3, minAge: 16, radiusKm: 40 }],
    [A.TEACHER_TRAINING, 'Efteruddannelse for kemilærere: analysemetoder', 'En dag for kemi- og biologilærere om HPLC og massespektrometri og hvordan de kan forklares i gymnasiet.', ['chemistry'], 2, [PAR], 45, 90, { groupSizeMax: 20 }],
    [A.EVENT, 'Life science-dag på Nordhavn', 'Åbent hus for gymnasieklasser med laboratorieværksteder og samtaler med unge medarbejdere.', ['medicine-pharmacy', 'biotechnology'], 6, [PAR], 50, 5, { groupSizeMax: 30, minAge: 15 }],
  ]),
  ...offers('uit', [
    [A.GUEST_LECTURE, 'Gjesteforelesning: Klimaendringer i Arktis', 'En forsker fra UiT forteller om havis, permafrost og hva endringene betyr for livet i nord. Kan holdes digitalt.', ['environment-climate', 'physics'], 12, [SCH, REM], 7, 170, { groupSizeMax: 90, minAge: 14, radiusKm: 30, extraLanguages: ['en'] }],
    [A.STUDY_VISIT, 'Besøk ved Norges fiskerihøgskole', 'Elevene møter forskere innen fiskehelse og marin bioteknologi og får se forsøksanleggene.', ['biology', 'biotechnology', 'food-production'], 6, [PAR], 14, 150, { groupSizeMax: 25, minAge: 15 }],
    [A.PROJECT, 'Elevprosjekt: Nordlys og romvær', 'Elevene bruker data fra magnetometre i Tromsø til å forutsi nordlys, med veiledning fra romfysikere.', ['physics', 'mathematics', 'computing-ai'], 4, [SCH, REM], 21, 140, { minAge: 15, radiusKm: 30 }],
    [A.MENTORING, 'Studentmentorer i realfag', 'Studenter ved lektorutdanningen er mentorer for elever i matematikk og naturfag, annenhver uke i et semester.', ['mathematics', 'physics', 'chemistry'], 8, [SCH], 14, 160, { groupSizeMax: 8, minAge: 15, radiusKm: 15 }],
    [A.TEACHER_TRAINING, 'Etterutdanning: programmering i realfagene', 'Kurs for lærere om å bruke Python i matematikk og fysikk, tre økter digitalt og en på campus.', ['computing-ai', 'mathematics'], 3, [REM, PAR], 30, 120, { groupSizeMax: 30 }],
    [A.EVENT, 'Forskningsdagene i Tromsø', 'Skoleklasser inviteres til stands, eksperimenter og forskertorg på campus Breivika.', ['biology', 'physics', 'environment-climate'], 10, [PAR], 60, 7, { groupSizeMax: 30, minAge: 12 }],
    [A.GUEST_LECTURE, 'Helse i nord: hvordan forskes det på folkehelse?', 'Om Tromsøundersøkelsen, en av verdens største befolkningsstudier, og hva den har lært oss om hjerte og helse.', ['medicine-pharmacy', 'care'], 8, [SCH, REM], 10, 160, { groupSizeMax: 60, minAge: 15, radiusKm: 30 }],
  ]),
  ...offers('arktisk-havbruk', [
    [A.STUDY_VISIT, 'Besøk på oppdrettsanlegg', 'Elevene ser hvordan laks fôres, overvåkes og røktes, og hører om miljøkrav og fiskevelferd. Båttur inkludert.', ['food-production', 'biology'], 6, [PAR], 21, 140, { groupSizeMax: 15, minAge: 15 }],
    [A.WORKPLACE_PLACEMENT, 'Utplassering for akvakulturelever', 'Tre uker i drift på settefiskanlegg for elever på naturbruk med fordypning i akvakultur.', ['food-production'], 3, [PAR], 30, 140, { minAge: 16 }],
    [A.GUEST_LECTURE, 'Sjømat fra nord: fra merd til middag', 'En akvakulturingeniør forteller om produksjon, eksport og jobbene i havbruksnæringen.', ['food-production', 'environment-climate'], 10, [SCH, REM], 7, 170, { groupSizeMax: 60, minAge: 13, radiusKm: 50 }],
    [A.WORKPLACE_PLACEMENT, 'Lærlingplass i prosessanlegget', 'Utplassering i slakteri og foredling for elever på teknologi- og industrifag: prosessstyring og kvalitetskontroll.', ['manufacturing', 'food-production'], 2, [PAR], 35, 120, { minAge: 17 }],
    [A.PROJECT, 'Elevprosjekt: Havtemperatur og fiskehelse', 'Elevene analyserer temperatur- og oksygendata fra anleggene våre og ser etter sammenhenger med fiskehelse.', ['biology', 'mathematics', 'environment-climate'], 3, [SCH, REM], 28, 120, { minAge: 15, radiusKm: 50 }],
    [A.MENTORING, 'Mentor fra havbruksnæringen', 'En ansatt følger to elever gjennom et skoleår med samtaler om utdanning og yrkesvalg.', ['food-production'], 4, [REM, SCH], 20, 160, { groupSizeMax: 2, minAge: 15, radiusKm: 50 }],
  ]),
];

// One row per line: a table to read down, not a literal to reflow.
// prettier-ignore
export const DEMO_REQUESTS: DemoRequest[] = [
  ...requests('rosengard', [
    [A.GUEST_LECTURE, 'Gästföreläsning om vårdyrken för årskurs 9', 'Våra niondeklassare väljer gymnasium i vår. Vi vill att någon från vården berättar om yrken och utbildningsvägar.', ['care', 'medicine-pharmacy'], 2, [SCH, REM], 14, 90, { groupSize: 28, age: 15, maxTravelKm: 10 }],
    [A.STUDY_VISIT, 'Studiebesök på en arbetsplats inom energi', 'Två klasser i teknik vill se hur el och värme produceras i Malmö. Vi tar bussen, helst inom staden.', ['electricity-energy', 'environment-climate'], 2, [PAR], 21, 120, { groupSize: 25, age: 14, maxTravelKm: 15 }],
    [A.PROJECT, 'Temaprojekt om klimat i vår stadsdel', 'Årskurs 8 arbetar med klimat och miljö i Rosengård och behöver en partner som kan handleda och ta emot en redovisning.', ['environment-climate'], 1, [SCH, PAR], 30, 120, { groupSize: 26, age: 14, maxTravelKm: 10 }],
    [A.MENTORING, 'Mentorer i naturvetenskap för elever med annat modersmål', 'Elever som läst svenska i några år behöver förebilder och stöd i NO. Gärna mentorer som talar arabiska eller somaliska också.', ['biology', 'chemistry'], 4, [SCH, REM], 14, 150, { groupSize: 8, age: 15, maxTravelKm: 10, extraLanguages: ['ar', 'so'] }],
    [A.GUEST_LECTURE, 'Programmering och AI för årskurs 7', 'Vi söker en inspirerande föreläsning om vad AI är och hur programmering används i olika yrken.', ['computing-ai'], 1, [SCH, REM], 20, 100, { groupSize: 27, age: 13, maxTravelKm: 10 }],
  ]),
  ...requests('fosie', [
    [A.WORKPLACE_PLACEMENT, 'APL-platser för vård- och omsorgsprogrammet åk 2', 'Vi söker APL-platser för sex elever under tre veckor i vår, inom sjukhus eller äldreomsorg i Malmö.', ['care'], 6, [PAR], 30, 120, { age: 17, maxTravelKm: 15 }],
    [A.WORKPLACE_PLACEMENT, 'APL inom el och energi', 'Fyra elever på el- och energiprogrammet behöver APL hos ett företag med elnät eller fastighetsautomation.', ['electricity-energy', 'engineering'], 4, [PAR], 35, 120, { age: 17, maxTravelKm: 20 }],
    [A.STUDY_VISIT, 'Labbesök för naturvetenskapsprogrammet', 'En klass i biologi 2 vill se hur man arbetar i ett bioteknik- eller sjukhuslabb.', ['biotechnology', 'biology'], 1, [PAR], 21, 120, { groupSize: 16, age: 17, maxTravelKm: 20 }],
    [A.GUEST_LECTURE, 'Antibiotikaresistens i biologi 1', 'Vi vill ha en föreläsning om resistens som underlag för en diskussionsuppgift.', ['medicine-pharmacy', 'biology'], 1, [SCH, REM], 14, 120, { groupSize: 30, age: 16, maxTravelKm: 15 }],
    [A.MENTORING, 'Mentorer för elever på teknikprogrammet', 'Elever i årskurs 3 behöver en ingenjör som bollplank under gymnasiearbetet.', ['engineering'], 4, [SCH, REM], 20, 150, { groupSize: 4, age: 18, maxTravelKm: 20 }],
    [A.EVENT, 'Yrkesmässa för årskurs 1', 'Vi ordnar en mässa på skolan och söker företag och myndigheter inom life science och teknik som vill ställa ut.', ['life-science-health', 'tech-energy-green'], 3, [SCH], 60, 20, { groupSize: 120, age: 16, maxTravelKm: 20 }],
  ]),
  ...requests('hyllie', [
    [A.STUDY_VISIT, 'Besök hos life science-företag i Hyllie', 'Naturvetarklasser i årskurs 2 vill besöka ett företag i närheten och se hur man arbetar i labb.', ['biotechnology', 'medicine-pharmacy'], 2, [PAR], 20, 120, { groupSize: 15, age: 17, maxTravelKm: 5 }],
    [A.PROJECT, 'Gymnasiearbete i bioteknik', 'Två elever söker handledning och labbtid för ett gymnasiearbete om enzymer.', ['biotechnology', 'chemistry'], 1, [PAR, SCH], 30, 150, { groupSize: 2, age: 18, maxTravelKm: 15 }],
    [A.GUEST_LECTURE, 'Gästföreläsning om CRISPR och etik', 'En föreläsning som kan följas av ett seminarium i biologi 2 om genteknikens etik.', ['biotechnology', 'biology'], 1, [SCH, REM], 14, 120, { groupSize: 32, age: 17, maxTravelKm: 15 }],
    [A.TEACHER_TRAINING, 'Fortbildning i laborativ kemi för NO-lärare', 'Fem lärare vill lära sig nya laborationer som fungerar i vanliga klassrum.', ['chemistry'], 1, [PAR, REM], 30, 120, { groupSize: 5 }],
    [A.WORKPLACE_PLACEMENT, 'APL inom laboratorieteknik', 'Tre elever på teknikprogrammet med inriktning mot produktionsteknik söker APL i labbmiljö.', ['chemistry', 'biotechnology'], 3, [PAR], 35, 120, { age: 17, maxTravelKm: 20 }],
  ]),
  ...requests('limhamn', [
    [A.GUEST_LECTURE, 'Fysikföreläsning om forskningsanläggningar', 'Fysik 2 vill höra om ESS och MAX IV och om vad forskningen där används till.', ['physics'], 1, [SCH, REM], 20, 120, { groupSize: 30, age: 17, maxTravelKm: 40 }],
    [A.PROJECT, 'Matematisk modellering med riktiga data', 'Matte 3-klasser vill modellera med öppna data och redovisa för någon som arbetar med data.', ['mathematics'], 2, [SCH, REM], 25, 120, { groupSize: 30, age: 17, maxTravelKm: 30 }],
    [A.STUDY_VISIT, 'Vattenprovtagning i Öresund och kanalerna', 'Naturkunskap 1b vill göra fältarbete med provtagning och analys av vatten.', ['environment-climate', 'chemistry'], 1, [PAR], 30, 100, { groupSize: 24, age: 16, maxTravelKm: 15 }],
    [A.MENTORING, 'Mentorer för tjejer som funderar på teknik', 'En grupp elever i årskurs 1 vill möta teknikstudenter under en termin.', ['engineering', 'computing-ai'], 2, [SCH, PAR, REM], 20, 150, { groupSize: 10, age: 16, maxTravelKm: 40 }],
    [A.EVENT, 'Forskarnas natt för årskurs 2', 'Vi vill boka en guidad runda på ett öppet forskarevenemang för två klasser.', ['physics', 'biology'], 2, [PAR], 40, 40, { groupSize: 28, age: 17, maxTravelKm: 20 }],
  ]),
  ...requests('latinskola', [
    [A.GUEST_LECTURE, 'Föreläsning om vaccin och källkritik', 'Biologi 1 och samhällskunskap gör ett gemensamt tema om hälsa och källkritik.', ['medicine-pharmacy', 'biology'], 2, [SCH, REM], 14, 120, { groupSize: 60, age: 16, maxTravelKm: 10 }],
    [A.STUDY_VISIT, 'Studiebesök på kemicentrum i Lund', 'Kemi 2 vill se instrumentanalys i verklig miljö.', ['chemistry'], 1, [PAR], 20, 120, { groupSize: 28, age: 17, maxTravelKm: 30 }],
    [A.PROJECT, 'Robotprojekt i programmering 1', 'Vi söker en partner som kan handleda ett kortare robotprojekt under vårterminen.', ['computing-ai', 'engineering'], 1, [SCH, PAR], 30, 120, { groupSize: 24, age: 16, maxTravelKm: 30 }],
    [A.MENTORING, 'Läxhjälp och studievägledning i matematik', 'Studenter som mentorer för elever som vill läsa vidare inom naturvetenskap.', ['mathematics'], 3, [SCH, REM], 14, 150, { groupSize: 9, age: 16, maxTravelKm: 10 }],
    [A.EVENT, 'Klimatvecka med workshop', 'Under skolans klimatvecka vill vi ha en workshop om matsvinn eller energi.', ['environment-climate', 'food-production'], 2, [SCH], 40, 30, { groupSize: 30, age: 16, maxTravelKm: 10 }],
  ]),
  ...requests('borgar', [
    [A.WORKPLACE_PLACEMENT, 'APL för industritekniska programmet', 'Fyra elever söker APL i produktion, gärna livsmedel eller processindustri i Skåne.', ['manufacturing', 'food-production'], 4, [PAR], 35, 120, { age: 17, maxTravelKm: 80 }],
    [A.STUDY_VISIT, 'Besök i en livsmedelsfabrik', 'Årskurs 1 på industritekniska programmet vill se en modern processlinje.', ['food-production', 'manufacturing'], 1, [PAR], 25, 120, { groupSize: 18, age: 16, maxTravelKm: 80 }],
    [A.GUEST_LECTURE, 'Kemi i livsmedelsindustrin', 'Kemi 1 vill ha en föreläsning om processer i livsmedelsindustrin.', ['chemistry', 'food-production'], 1, [SCH, REM], 20, 120, { groupSize: 30, age: 16, maxTravelKm: 20 }],
    [A.WORKPLACE_PLACEMENT, 'APL inom el och automation', 'Två elever på el- och energiprogrammet söker APL med styr- och reglerteknik.', ['engineering', 'electricity-energy'], 2, [PAR], 35, 120, { age: 17, maxTravelKm: 20 }],
    [A.TEACHER_TRAINING, 'Fortbildning om hållbar produktion', 'Yrkeslärare vill uppdatera sig om energieffektivisering i industrin.', ['manufacturing', 'environment-climate'], 1, [PAR, REM], 30, 120, { groupSize: 6 }],
  ]),
  ...requests('komvux', [
    [A.WORKPLACE_PLACEMENT, 'APL för undersköterskeutbildningen', 'Vuxenstuderande på vård- och omsorgsutbildningen behöver APL i fem veckor. Alla har belastningsregisterutdrag.', ['care'], 5, [PAR], 30, 140, { age: 25, maxTravelKm: 20 }],
    [A.GUEST_LECTURE, 'Yrken i vården för nyanlända vuxna', 'Sfi-elever med vårdbakgrund vill höra om hur man arbetar i svensk vård och om validering.', ['care', 'medicine-pharmacy'], 1, [SCH, REM], 14, 120, { groupSize: 25, age: 25, maxTravelKm: 10, extraLanguages: ['en', 'ar'] }],
    [A.STUDY_VISIT, 'Studiebesök på sjukhusets laboratorium', 'Studerande i biomedicinsk grundutbildning vill se provhanteringen på ett sjukhus.', ['medicine-pharmacy'], 1, [PAR], 20, 120, { groupSize: 12, age: 25, maxTravelKm: 10 }],
    [A.WORKPLACE_PLACEMENT, 'Praktik inom miljö och hållbarhet', 'En vuxenstuderande i naturkunskap söker praktik på en myndighet med miljötillsyn.', ['environment-climate'], 1, [PAR], 40, 120, { age: 30, maxTravelKm: 15 }],
    [A.MENTORING, 'Mentor inom life science', 'Två studerande som siktar på högskolan söker en mentor från läkemedels- eller bioteknikbranschen.', ['biotechnology', 'medicine-pharmacy'], 2, [REM, PAR], 20, 150, { groupSize: 2, age: 28, maxTravelKm: 20 }],
  ]),
  ...requests('varnhem', [
    [A.STUDY_VISIT, 'Energi och återvinning för årskurs 8', 'Vi vill se hur avfall blir fjärrvärme och prata om källsortering.', ['electricity-energy', 'environment-climate'], 2, [PAR], 20, 120, { groupSize: 25, age: 14, maxTravelKm: 10 }],
    [A.PROJECT, 'Mät skolans energi', 'Årskurs 9 vill mäta skolans elförbrukning och föreslå besparingar.', ['electricity-energy', 'mathematics'], 1, [SCH], 25, 120, { groupSize: 28, age: 15, maxTravelKm: 10 }],
    [A.EVENT, 'Vårdens dag för niondeklassare', 'Vi vill att våra elever får pröva på vårdyrken inför gymnasievalet.', ['care'], 1, [PAR], 45, 30, { groupSize: 26, age: 15, maxTravelKm: 10 }],
    [A.GUEST_LECTURE, 'Klimatomställning i Malmö', 'SO och NO gör ett gemensamt tema; vi söker en föreläsare från staden eller ett energibolag.', ['environment-climate', 'electricity-energy'], 1, [SCH, REM], 14, 120, { groupSize: 75, age: 14, maxTravelKm: 10 }],
    [A.PROJECT, 'Luftkvalitet vid skolan', 'Eleverna vill mäta luftkvaliteten vid den trafikerade gatan utanför skolan.', ['environment-climate', 'physics'], 1, [SCH], 21, 140, { groupSize: 26, age: 14, maxTravelKm: 10 }],
  ]),
  ...requests('norre-gym', [
    [A.STUDY_VISIT, 'Virksomhedsbesøg i medicinalindustrien', 'En bioteknologiklasse i 2.g ønsker at besøge en virksomhed og se produktion og kvalitetskontrol.', ['medicine-pharmacy', 'biotechnology'], 1, [PAR], 20, 120, { groupSize: 24, age: 17, maxTravelKm: 25 }],
    [A.GUEST_LECTURE, 'Gæsteforelæsning om diabetes', 'Biologi A vil gerne have en forsker til at fortælle om diabetesforskning.', ['medicine-pharmacy', 'biology'], 1, [SCH, REM], 14, 120, { groupSize: 28, age: 17, maxTravelKm: 25 }],
    [A.PROJECT, 'Vejledning til studieretningsprojekter', 'Fire elever skriver SRP i bioteknologi og søger en vejleder fra erhvervslivet.', ['biotechnology'], 4, [REM, PAR], 21, 150, { groupSize: 1, age: 18, maxTravelKm: 25 }],
    [A.MENTORING, 'Mentorer til elever i naturvidenskab', 'Elever fra ikke-akademiske hjem ønsker en mentor fra life science.', ['medicine-pharmacy', 'biology'], 3, [REM, SCH], 20, 150, { groupSize: 3, age: 17, maxTravelKm: 25 }],
    [A.TEACHER_TRAINING, 'Efteruddannelse i moderne analysemetoder', 'Kemilærerne vil gerne lære om HPLC og massespektrometri.', ['chemistry'], 1, [PAR], 40, 100, { groupSize: 4 }],
  ]),
  ...requests('amager-gym', [
    [A.WORKPLACE_PLACEMENT, 'Praktik for elever med interesse for laboratoriearbejde', 'To elever ønsker en uges erhvervspraktik i et laboratorium.', ['chemistry', 'biotechnology'], 2, [PAR], 30, 140, { age: 17, maxTravelKm: 25 }],
    [A.EVENT, 'Life science-dag for 1.g', 'Vi vil gerne deltage i et åbent hus med laboratorieværksteder.', ['medicine-pharmacy', 'biotechnology'], 1, [PAR], 45, 30, { groupSize: 28, age: 16, maxTravelKm: 25 }],
    [A.GUEST_LECTURE, 'Klimaforandringer og grøn omstilling', 'Naturgeografi ønsker et oplæg om klima og energi fra en forsker eller virksomhed.', ['environment-climate', 'electricity-energy'], 1, [SCH, REM], 14, 120, { groupSize: 30, age: 17, maxTravelKm: 25 }],
    [A.PROJECT, 'Programmeringsprojekt med data', 'En programmeringsklasse søger en partner med et rigtigt datasæt at arbejde med.', ['computing-ai', 'mathematics'], 1, [SCH, REM], 21, 140, { groupSize: 24, age: 17, maxTravelKm: 25 }],
    [A.STUDY_VISIT, 'Besøg på et universitetslaboratorium', 'Fysik B ønsker at se forskning i praksis.', ['physics'], 1, [PAR], 20, 120, { groupSize: 26, age: 17, maxTravelKm: 25 }],
  ]),
  ...requests('tromso-vgs', [
    [A.GUEST_LECTURE, 'Foredrag om klimaendringer i Arktis', 'Naturfag Vg1 ønsker et foredrag fra en forsker om havis og klima.', ['environment-climate', 'physics'], 2, [SCH, REM], 14, 120, { groupSize: 30, age: 16, maxTravelKm: 20 }],
    [A.WORKPLACE_PLACEMENT, 'Utplassering i havbruk', 'Tre elever på naturbruk ønsker utplassering på et settefiskanlegg.', ['food-production'], 3, [PAR], 35, 120, { age: 17, maxTravelKm: 40 }],
    [A.PROJECT, 'Nordlysprosjekt i fysikk 1', 'Klassen vil arbeide med romværdata og trenger veiledning fra forskere.', ['physics', 'mathematics'], 1, [SCH, REM], 21, 140, { groupSize: 28, age: 17, maxTravelKm: 20 }],
    [A.STUDY_VISIT, 'Besøk på oppdrettsanlegg', 'Biologi 1 vil se fiskehelse og miljøovervåking i praksis.', ['biology', 'food-production'], 1, [PAR], 25, 120, { groupSize: 15, age: 17, maxTravelKm: 40 }],
    [A.MENTORING, 'Mentorer i matematikk', 'Elever som sliter med R1 ønsker studentmentorer.', ['mathematics'], 4, [SCH], 14, 150, { groupSize: 8, age: 17, maxTravelKm: 15 }],
  ]),
  ...requests('kongsbakken', [
    [A.GUEST_LECTURE, 'Sjømatnæringen og jobbene i nord', 'Vg1-elever skal velge utdanningsprogram og vil høre om havbruk.', ['food-production'], 1, [SCH, REM], 14, 120, { groupSize: 30, age: 16, maxTravelKm: 20 }],
    [A.EVENT, 'Forskningsdagene for Vg2', 'To klasser vil delta på forskertorget på campus.', ['biology', 'physics'], 2, [PAR], 50, 30, { groupSize: 28, age: 17, maxTravelKm: 15 }],
    [A.PROJECT, 'Datainnsamling om havtemperatur', 'Matematikk R2 vil analysere ekte måledata fra havet.', ['mathematics', 'environment-climate'], 1, [SCH, REM], 28, 120, { groupSize: 25, age: 18, maxTravelKm: 50 }],
    [A.GUEST_LECTURE, 'Folkehelse og forskning', 'Helse- og oppvekstfag ønsker et foredrag om befolkningsstudier.', ['care', 'medicine-pharmacy'], 1, [SCH, REM], 14, 120, { groupSize: 30, age: 16, maxTravelKm: 20 }],
    [A.TEACHER_TRAINING, 'Programmering for realfagslærere', 'Fem lærere vil lære å bruke Python i undervisningen.', ['computing-ai'], 1, [REM, PAR], 30, 120, { groupSize: 5 }],
  ]),
];
