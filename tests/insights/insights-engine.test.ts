import {
  analyzeReview,
  BUILT_IN_TOPICS,
  detectLanguage,
  ENGINE_VERSION,
  registerLanguagePack,
  tokenize,
  type ReviewAnalysis,
} from "~/modules/insights";

function topicSentiment(analysis: ReviewAnalysis, topic: string): string | undefined {
  return analysis.topics.find((finding) => finding.topic === topic)?.sentiment;
}

/** The rules alone (no retraining can move them) read `text` as `sentiment`; a failure names the text. */
function expectRulesToRead(text: string, lang: string | undefined, sentiment: string): void {
  expect({ text, sentiment: analyzeReview(text, { lang, learned: false }).sentiment }).toEqual({ text, sentiment });
}

describe("topic sentiment", () => {
  it("gives fit positive and shipping negative for a contrast sentence", () => {
    const analysis = analyzeReview("Great fit but the shipping was slow");
    expect(topicSentiment(analysis, "size_fit")).toBe("positive");
    expect(topicSentiment(analysis, "shipping_delivery")).toBe("negative");
  });

  it("lets the clause after 'but' decide the overall sentiment, without a mild complaint outweighing strong praise", () => {
    expect(analyzeReview("The fit is okay but the shipping was slow").sentiment).toBe("negative");
    expect(analyzeReview("Snygg färg men den är för liten").sentiment).toBe("negative");
    // Engine 2.4.0 weighs the clauses 0.75 and 1.25 (was 0.5 and 1.5): praise and a complaint as strong are mixed.
    expect(analyzeReview("Great fit but the shipping was slow").sentiment).not.toBe("positive");
    expect(analyzeReview("Snygg, dock lite stor").sentiment).toBe("positive");
    expect(analyzeReview("Passformen är fantastisk, men frakten var lite långsam.").sentiment).toBe("positive");
  });

  it("treats 'inte bra' as negative", () => {
    const analysis = analyzeReview("Passformen är inte bra");
    expect(analysis.sentiment).toBe("negative");
    expect(topicSentiment(analysis, "size_fit")).toBe("negative");
  });

  it("negates the verb before 'inte' in Swedish word order", () => {
    expect(topicSentiment(analyzeReview("Jag gillar inte färgen"), "appearance")).toBe("negative");
    expect(topicSentiment(analyzeReview("Tröjan passar inte"), "size_fit")).toBe("negative");
    // Over an unstressed pronoun or a sentence comment between the verb and "inte" (engine 2.4.0).
    expect(topicSentiment(analyzeReview("Den passar mig inte"), "size_fit")).toBe("negative");
    expect(topicSentiment(analyzeReview("Tyvärr fungerar den inte"), "functionality")).toBe("negative");
    expect(analyzeReview("Jag gillar den inte").sentiment).toBe("negative");
    expect(topicSentiment(analyzeReview("Passar tyvärr inte"), "size_fit")).toBe("negative");
    // Over an adverb that stands there ("fungerar ändå inte", "fortfarande inte"; 2.7.0).
    const rules = { learned: false } as const;
    expect(topicSentiment(analyzeReview("Routern fungerar ändå inte.", rules), "functionality")).toBe("negative");
    expect(topicSentiment(analyzeReview("Appen fungerar fortfarande inte", rules), "functionality")).toBe("negative");
    expect(analyzeReview("Passar tyvärr inte", { learned: false }).score).toBeLessThan(
      analyzeReview("Tyvärr", { learned: false }).score,
    );
  });

  it("reads 'not bad' as mildly positive and 'not great' as negative", () => {
    const notBad = analyzeReview("The fabric is not bad");
    const notGreat = analyzeReview("The fabric is not great");
    expect(notBad.sentiment).toBe("positive");
    expect(notGreat.sentiment).toBe("negative");
    expect(Math.abs(notBad.score)).toBeLessThan(analyzeReview("The fabric is great").score);
  });

  it("negates across 'too' and 'helt' ('not too bad', 'inte helt nöjd'; before 2.4.0 both read the wrong way)", () => {
    for (const [text, sentiment] of [
      ["Not too bad", "positive"],
      ["The price is not too bad", "positive"],
      ["Not too happy with it", "negative"],
      ["Inte helt nöjd", "negative"],
      ["Inte helt nöjd med passformen", "negative"],
      ["Kan inte säga att jag är nöjd", "negative"],
      ["Jag är inte helt övertygad", "negative"],
      ["Jag har aldrig varit så nöjd med ett köp", "positive"],
      ["Never been happier", "positive"],
      ["Saknar inget", "positive"],
      ["Kunde inte vara gladare", "positive"],
      ["Ingen höjdare", "negative"],
      ["Can't recommend it enough", "positive"],
      ["Would not hesitate to recommend", "positive"],
      ["Tvekar inte att rekommendera", "positive"],
      ["Kan inte rekommendera", "negative"],
    ] as const)
      expectRulesToRead(text, undefined, sentiment);
    expect(topicSentiment(analyzeReview("Not too tight in the shoulders"), "size_fit")).toBe("positive");
  });

  it("keeps phrases that carry their own negation positive", () => {
    expect(topicSentiment(analyzeReview("No problems with the delivery"), "shipping_delivery")).toBe("positive");
    expect(topicSentiment(analyzeReview("Inga problem med leveransen"), "shipping_delivery")).toBe("positive");
  });

  it("makes intensifiers stronger and diminishers weaker", () => {
    // The rules' scores: since 2.7.0 the learned layer may overrule a verdict it is sure of ("slightly soft" reads
    // neutral with it, a complaint by the rules).
    const rules = { learned: false } as const;
    const plain = analyzeReview("The sweater is soft", rules).score;
    expect(analyzeReview("The sweater is extremely soft", rules).score).toBeGreaterThan(plain);
    expect(analyzeReview("The sweater is slightly soft", rules).score).toBeLessThan(plain);
    expect(analyzeReview("Tröjan är väldigt skön", rules).score).toBeGreaterThan(
      analyzeReview("Tröjan är ganska skön", rules).score,
    );
    expect(analyzeReview("The sweater is soft").sentiment).not.toBe("negative");
    expect(analyzeReview("The sweater is extremely soft").sentiment).toBe("positive");
  });

  it("keeps plain product descriptions neutral, with the learned layer on (English and Swedish)", () => {
    // "The sweater is soft" was here until 2.11.0, whose weights read it as mild praise under every seed (decision 010,
    // session 16): said of a sweater in a review, "soft" praises its feel. The test above keeps it from a complaint.
    for (const text of [
      "Arrived on Tuesday",
      "Standard packaging",
      "The box contained two mugs",
      "It is a cotton shirt",
      "Tröjan är blå",
      "Kom på tisdag",
      "Skjortan är av bomull",
      "Paketet innehöll två muggar",
      "100% cotton, machine washable",
      "100% bomull, tvättas i 40 grader",
    ]) {
      const analysis = analyzeReview(text);
      expect({ text, sentiment: analysis.sentiment }).toEqual({ text, sentiment: "neutral" });
      for (const finding of analysis.topics)
        expect({ text, topic: finding.sentiment }).toEqual({ text, topic: "neutral" });
    }
  });

  it("reads a product that looks like its listing as mild praise, and one that does not as a complaint (2.9.0)", () => {
    // Until 2.9.0 "Looks like the picture" was kept neutral as a plain description, while "as pictured" and "som på
    // bilden" were praise; shoppers say it to vouch for the listing. Negated, it is a complaint.
    for (const [text, lang, sentiment] of [
      ["Looks like the picture", "en", "positive"],
      ["Ser ut som på bilden", "sv", "positive"],
      ["Looked like the photos online.", "en", "positive"],
      ["Looks nothing like the picture.", "en", "negative"],
      ["Doesn't look like the photo at all.", "en", "negative"],
      ["Ser inte ut som på bilden.", "sv", "negative"],
    ] as const) {
      const analysis = analyzeReview(text, { lang });
      expect({ text, sentiment: analysis.sentiment }).toEqual({ text, sentiment });
      expect({ text, rules: analyzeReview(text, { lang, learned: false }).sentiment }).toEqual({
        text,
        rules: sentiment,
      });
    }
  });

  it("reads words and idioms the lexicons lacked, and date labels as no praise (2.12.0)", () => {
    // Written for this test, not in any data set. Read by the rules alone, so no retraining can move them.
    for (const [text, lang, sentiment] of [
      // Compound splitting read "möglade" (went mouldy) as mö|glade, "glad" being happy.
      ["Brödet möglade efter två dagar.", "sv", "negative"],
      ["Osten var möglig när den kom.", "sv", "negative"],
      ["The bread was moldy when it arrived.", "en", "negative"],
      ["Bäst före 12 maj.", "sv", "neutral"],
      ["Best before the end of May.", "en", "neutral"],
      ["Så omtänksamt av dem!", "sv", "positive"],
      ["Rent lurendrejeri.", "sv", "negative"],
      ["Får huvudvärk efter en kvart.", "sv", "negative"],
      ["Lunchen för 89 kr är ett kap.", "sv", "positive"],
      ["Den syr som en dröm.", "sv", "positive"],
      ["Kostade skjortan.", "sv", "negative"],
      ["Nya appen är ett steg bakåt.", "sv", "negative"],
      ["Blir inget mer köp.", "sv", "negative"],
      ["I swear by this brand.", "en", "positive"],
      ["These boots are tough as nails.", "en", "positive"],
      ["Arrived the next day, can't ask for more.", "en", "positive"],
      ["Decent quality for the price, nothing to rave about.", "en", "neutral"],
    ] as const) {
      expectRulesToRead(text, lang, sentiment);
    }
    // A date label beside a complaint leaves the complaint alone.
    expect(analyzeReview("Möglade långt innan bäst före.", { lang: "sv", learned: false }).sentiment).toBe("negative");
  });

  it("reads words, idioms, negators and Swedish adjective forms the lexicons lacked (2.19.0)", () => {
    // Written for this test, not in any data set. Read by the rules alone, so no retraining can move them.
    for (const [text, lang, sentiment] of [
      // "int" (Finland-Swedish and northern "inte") negates; "inte ett enda" reaches over "enda", which alone opens a
      // contrast ("det enda minuset").
      ["Det va int dumt alls.", "sv", "positive"],
      ["Int nå bra bemötande.", "sv", "negative"],
      ["Inte ett enda strul.", "sv", "positive"],
      ["Inte ett enda fel på tre år.", "sv", "positive"],
      ["Inte en enda bra sak.", "sv", "negative"],
      ["Mikrotransaktioner överallt, nej tack.", "sv", "negative"],
      ["Tack för ingenting.", "sv", "negative"],
      ["Tack för snabb leverans!", "sv", "positive"],
      // Neuter and plural forms of adjectives in -d and -en: förstörd -> förstört, ledsen -> ledsna.
      ["Paketet kom förstört.", "sv", "negative"],
      ["Barnen blev ledsna.", "sv", "negative"],
      ["Glaset kom krossat.", "sv", "negative"],
      ["Fruktansvärt dålig service.", "sv", "negative"],
      ["Fruktansvärt bra service.", "sv", "positive"],
      ["Fruktansvärt.", "sv", "negative"],
      ["Förvånansvärt bra passform.", "sv", "positive"],
      ["Vidrigt bemötande.", "sv", "negative"],
      ["Omsorgsfullt paketerat.", "sv", "positive"],
      ["The accents are absolutely abysmal.", "en", "negative"],
      ["Omelets are to die for!", "en", "positive"],
      ["Far from perfect.", "en", "negative"],
      ["Dead chuffed with it.", "en", "positive"],
      ["Cheap looking.", "en", "negative"],
      ["Hard pass.", "en", "negative"],
      ["Don't bother.", "en", "negative"],
      ["Underwhelming overall.", "en", "negative"],
      ["This one is a keeper.", "en", "positive"],
      ["I won't be coming back.", "en", "negative"],
      ["Never fails to impress.", "en", "positive"],
    ] as const) {
      expectRulesToRead(text, lang, sentiment);
    }
    // "vit" (white) is not the neuter form of "vid" (wide): no fit complaint in a colour remark.
    const white = analyzeReview("Färgen var lite för vit.", { lang: "sv", learned: false });
    expect(white.topics.map((finding) => finding.topic)).not.toContain("size_fit");
  });

  it("reads shop verdicts said as what happened (2.4.0)", () => {
    for (const [text, sentiment] of [
      ["Kundtjänst löste det direkt.", "positive"],
      ["Leveransen gick fortare än utlovat.", "positive"],
      ["Paketet har inte kommit än.", "negative"],
      ["The package hasn't arrived yet", "negative"],
      ["Man får mycket för pengarna.", "positive"],
      ["Man får inte mycket för pengarna.", "negative"],
      ["Fick ett standardsvar som inte hjälpte.", "negative"],
      ["You don't get much for the money.", "negative"],
      ["The tracking never updated.", "negative"],
      ["Packed with care.", "positive"],
      ["The color held up after many washes.", "positive"],
    ] as const)
      expect({ text, sentiment: analyzeReview(text).sentiment }).toEqual({ text, sentiment });
  });

  it("reads colloquial Swedish shop verdicts: coming back or not, lasting, smell, queues, 'funkar sådär' (2.5.0)", () => {
    for (const [text, sentiment] of [
      ["Kommer definitivt handla här igen", "positive"],
      ["Kommer inte handla här igen", "negative"],
      ["Kommer köpa fler", "positive"],
      ["Skulle köpa igen utan tvekan", "positive"],
      ["Funkar sådär", "negative"],
      ["Fungerade i en vecka sen dog den", "negative"],
      ["Luktade konstigt när den kom", "negative"],
      ["Kundtjänst svarar aldrig på mail", "negative"],
      ["Stod i kö i en timme på telefon", "negative"],
      ["Lurade mig på pengarna.", "negative"],
      ["Äntligen en butik som levererar som utlovat.", "positive"],
      ["Trodde det skulle vara bättre", "negative"],
      ["Kunde inte vara mer missnöjd", "negative"],
      ["Kunde inte vara mer nöjd", "positive"],
      ["Går inte att använda", "negative"],
      ["Det går inte att klaga på priset", "positive"],
      ["Väntade i en månad, sen fick jag pengarna tillbaka. Inte ok.", "negative"],
      ["Levde upp till alla förväntningar.", "positive"],
      ["Hade höga förväntningar men tyvärr levde den inte upp till dem.", "negative"],
      ["Man får mer än man betalar för.", "positive"],
      ["Långt ifrån bra", "negative"],
      ["Allt annat än bra", "negative"],
      ["Ingen vidare kvalitet", "negative"],
      ["Kan inte säga ett ont ord", "positive"],
      ["Hade inte förväntat mig så bra kvalitet", "positive"],
      ["Hade inte förväntat mig så dålig kvalitet", "negative"],
      ["Grymt dålig", "negative"],
      ["Noll kommunikation, fick jaga dem för att få svar", "negative"],
      ["De höll vad de lovade", "positive"],
      ["Fortfarande ingen återbetalning efter sex veckor", "negative"],
      ["Nonchalant bemötande", "negative"],
      ["Leveransen var ett skämt", "negative"],
      ["Paketet kom före utsatt tid", "positive"],
      ["De ringde och förvarnade innan leveransen", "positive"],
      ["Krämen gav mig utslag", "negative"],
      ["Färgade av sig på allt annat i tvätten", "negative"],
      ["Tålde inte tvättmaskinen", "negative"],
    ] as const)
      expect({ text, sentiment: analyzeReview(text, { lang: "sv" }).sentiment }).toEqual({ text, sentiment });
  });

  it("ends a Swedish negator's reach at 'och' once it has negated the verb before it (2.5.0)", () => {
    for (const [text, sentiment] of [
      ["Den luddar inte och är skön", "positive"],
      ["Mascaran klumpar inte och håller hela dagen", "positive"],
      ["Gillar den inte och skickar tillbaka", "negative"],
      // Nor once it has flipped an opinion after it.
      ["Har inte gått sönder och ser fortfarande ny ut", "positive"],
      ["Värmer inte och är tung", "negative"],
      // A negator with no verb behind it and nothing flipped yet still reaches over "och" as before.
      ["Inte snygg och inte bekväm", "negative"],
      ["Varken snygg eller bekväm", "negative"],
    ] as const)
      expect({ text, sentiment: analyzeReview(text, { lang: "sv" }).sentiment }).toEqual({ text, sentiment });
    expect(topicSentiment(analyzeReview("Den luddar inte och är skön", { lang: "sv" }), "comfort")).toBe("positive");
  });

  it("lets a phrase skip one subject pronoun after its first word in Swedish, one degree word in English (2.6.0)", () => {
    for (const [text, lang, sentiment, topic, evidence] of [
      // Verb-second order: the subject comes between the verb and the rest of the phrase (2.5.0 read praise).
      ["I verkligheten ser den billig ut.", "sv", "negative", "appearance", "ser den billig ut"],
      ["Sedan fick vi vänta i tre veckor.", "sv", "negative", "shipping_delivery", "fick vi vänta"],
      ["It runs incredibly small.", "en", "negative", "size_fit", "runs incredibly small"],
      ["It looks so cheap.", "en", "negative", "quality", "looks so cheap"],
    ] as const) {
      const analysis = analyzeReview(text, { lang });
      expect({ text, sentiment: analysis.sentiment }).toEqual({ text, sentiment });
      const finding = analysis.topics.find((found) => found.topic === topic);
      expect({ text, sentiment: finding?.sentiment, evidence: finding?.evidence }).toEqual({
        text,
        sentiment,
        evidence,
      });
    }
    // One word only: two pronouns are not skipped ("billig" alone is a low price, praise).
    expect(analyzeReview("Visst ser den det billig ut", { lang: "sv" }).sentiment).toBe("positive");
    expect(analyzeReview("Efter en vecka köpte jag en till.", { lang: "sv" }).sentiment).toBe("positive");
  });

  it("reads a review that calls the product middling and leans only a little either way as neutral (2.6.0)", () => {
    for (const [text, lang] of [
      ["Helt okej för priset, inget speciellt.", "sv"],
      ["Sådär.", "sv"],
      ["Tre stjärnor, varken bra eller dålig.", "sv"],
      ["Average quality, nothing to write home about.", "en"],
      ["It's fine I guess. The color is nice but the fit is nothing special.", "en"],
    ] as const) {
      const analysis = analyzeReview(text, { lang });
      expect({ text, sentiment: analysis.sentiment }).toEqual({ text, sentiment: "neutral" });
      expect(Math.abs(analysis.score)).toBeLessThan(0.1);
    }
    // A firm verdict beside it still decides, and so does praise or a complaint without one.
    for (const [text, lang, sentiment] of [
      ["Nothing special, but it fell apart in a week.", "en", "negative"],
      ["Inget speciellt med förpackningen men själva tröjan är fantastisk, älskar den!", "sv", "positive"],
      // "helt okej" alone is mild praise, as the team's reviews label it.
      ["Helt okej.", "sv", "positive"],
    ] as const)
      expect({ text, sentiment: analyzeReview(text, { lang }).sentiment }).toEqual({ text, sentiment });
  });

  it("reads clothing reviews' fit and wear remarks (2.6.0)", () => {
    for (const [text, sentiment] of [
      ["It looked great on the model but not on me.", "negative"],
      ["No gap at the back and it holds its shape.", "positive"],
      ["There's a gap at the back.", "negative"],
      ["I should have listened to the reviews about sizing.", "negative"],
      ["The fabric feels a little cheap.", "negative"],
      ["They don't bag out at the knees.", "positive"],
      ["I've had it for two years and it still looks brand new.", "positive"],
    ] as const)
      expect({ text, sentiment: analyzeReview(text, { lang: "en" }).sentiment }).toEqual({ text, sentiment });
  });

  it("reads Swedish words that look like others typed without å/ä/ö as themselves (skor, svart, vanligt, sommar)", () => {
    // "skor" is shoes, not "skör" (fragile); "svart" black, not "svårt"; "vanligt" usual, not "vänligt"
    // (friendly, a customer-service word); "sommaren" summer, not "sömmarna" (seams); "vart" where, not "värt".
    for (const text of [
      "Skorna har snören och en tjock sula.",
      "Svart klänning med fickor.",
      "Vart tog paketet vägen?",
    ])
      expect({ text, sentiment: analyzeReview(text, { lang: "sv" }).sentiment }).toEqual({
        text,
        sentiment: "neutral",
      });
    const usual = analyzeReview("Leverans via postnord som vanligt strul", { lang: "sv" });
    expect(usual.sentiment).toBe("negative");
    expect(topicSentiment(usual, "customer_service")).toBeUndefined();
    expect(topicSentiment(analyzeReview("Perfekt till sommaren", { lang: "sv" }), "quality")).toBeUndefined();
    // "present" is a gift, not pre|sent (late), alone or at the end of a compound; a real compound is still read.
    for (const text of ["Köpte den som present.", "Presenten kom fram.", "Köpte den som julpresent."])
      expect({ text, score: analyzeReview(text, { lang: "sv" }).score }).toEqual({ text, score: 0 });
    expect(analyzeReview("Leveransproblem igen", { lang: "sv" }).sentiment).toBe("negative");
    // Typed without the letters, the words are still read.
    expect(analyzeReview("Mycket nojd, snabb leverans", { lang: "sv" }).sentiment).toBe("positive");
  });

  it("reads a demand for the money back as a complaint about returns", () => {
    for (const text of ["Pengarna tillbaka tack", "Jag vill ha pengarna tillbaka", "I want my money back"]) {
      const analysis = analyzeReview(text);
      expect({ text, sentiment: analysis.sentiment }).toEqual({ text, sentiment: "negative" });
      expect({ text, returns: topicSentiment(analysis, "returns_exchanges") }).toEqual({ text, returns: "negative" });
    }
  });

  it("turns neutral size words into complaints after 'too' or 'a bit'", () => {
    expect(topicSentiment(analyzeReview("The sleeves are too long"), "size_fit")).toBe("negative");
    expect(topicSentiment(analyzeReview("A bit tight around the shoulders"), "size_fit")).toBe("negative");
    expect(topicSentiment(analyzeReview("Byxorna är för korta"), "size_fit")).toBe("negative");
    // Fit-only dimensions after an intensifier too (2.4.0); a long dress is still a description.
    expect(analyzeReview("The arms are very tight").sentiment).toBe("negative");
    expect(topicSentiment(analyzeReview("Väldigt trång i axlarna"), "size_fit")).toBe("negative");
    expect(topicSentiment(analyzeReview("A very long dress", { learned: false }), "size_fit")).toBeUndefined();
  });

  it("weighs emoji and exclamation marks", () => {
    expect(analyzeReview("Fast delivery 👍").sentiment).toBe("positive");
    expect(analyzeReview("Usel kundservice 😡").sentiment).toBe("negative");
    // An emoji comments on the whole text: a negator before it does not flip it (2.19.0; before, both read as praise).
    for (const text of ["still hasnt arrived 😡", "Not happy 😡"]) expectRulesToRead(text, "en", "negative");
    expect(analyzeReview("Love it!!!").score).toBeGreaterThan(analyzeReview("Love it.").score);
  });

  it("reads 'the only downside' as a complaint about what follows, without outweighing the praise before it", () => {
    const english = analyzeReview("Lovely fabric, the only downside is the price.", { lang: "en" });
    expect(topicSentiment(english, "price_value")).toBe("negative");
    expect(english.sentiment).toBe("positive");
    expect(analyzeReview("The only problem is the price.", { lang: "en" }).sentiment).toBe("negative");
    const swedish = analyzeReview("Snygg färg, enda nackdelen är priset.", { lang: "sv" });
    expect(topicSentiment(swedish, "price_value")).toBe("negative");
    expect(swedish.sentiment).toBe("positive");
  });

  it("reads counterfactual wishes as complaints", () => {
    expect(analyzeReview("I had hoped for better quality.", { lang: "en" }).sentiment).toBe("negative");
    expect(analyzeReview("Hade hoppats på bättre kvalitet.", { lang: "sv" }).sentiment).toBe("negative");
    expect(topicSentiment(analyzeReview("It should be cheaper.", { lang: "en" }), "price_value")).toBe("negative");
    expect(topicSentiment(analyzeReview("Den borde vara billigare.", { lang: "sv" }), "price_value")).toBe("negative");
    expect(topicSentiment(analyzeReview("It does not fit true to size.", { lang: "en" }), "size_fit")).toBe("negative");
  });

  it("never negates a sentence comment such as 'tyvärr', before or after the negator", () => {
    for (const text of ["Passar inte tyvärr.", "Fungerade tyvärr inte.", "Tyvärr inte min storlek."])
      expectRulesToRead(text, "sv", "negative");
    // The negator still reaches the opinion word after it.
    expect(analyzeReview("Tyvärr inte bra.", { lang: "sv", learned: false }).sentiment).toBe("negative");
  });

  it("reads 'gjorde' (did) as a verb, not as 'gjord' (made, a quality word)", () => {
    const failed = analyzeReview("Gjorde inte vad den lovade.", { lang: "sv" });
    expect(topicSentiment(failed, "functionality")).toBe("negative");
    // The lexicon finds no quality word in it (since 2.9.0 the learned layer may add quality to a broken promise).
    expect(
      topicSentiment(analyzeReview("Gjorde inte vad den lovade.", { lang: "sv", learned: false }), "quality"),
    ).toBe(undefined);
    expect(topicSentiment(analyzeReview("Den är bra gjord.", { lang: "sv" }), "quality")).toBe("positive");
  });

  it("reads clothing reviews' verdicts without opinion words of their own", () => {
    expect(topicSentiment(analyzeReview("Runs very small.", { lang: "en" }), "size_fit")).toBe("negative");
    expect(analyzeReview("I wanted to love this dress.", { lang: "en" }).sentiment).toBe("negative");
    expect(analyzeReview("Sent it back.", { lang: "en" }).sentiment).toBe("negative");
    expect(topicSentiment(analyzeReview("Tyget är tunt.", { lang: "sv" }), "quality")).toBe("negative");
    expect(analyzeReview("Kvaliteten lämnar mycket att önska.", { lang: "sv" }).sentiment).toBe("negative");
  });

  it("reads ratings written out as numbers and stars, but not a pair of clothing sizes", () => {
    expect(analyzeReview("5/5", { lang: "en" }).sentiment).toBe("positive");
    expect(analyzeReview("1 out of 5.", { lang: "en" }).sentiment).toBe("negative");
    expect(analyzeReview("Two stars.", { lang: "en" }).sentiment).toBe("negative");
    expect(analyzeReview("5 av 5!", { lang: "sv" }).sentiment).toBe("positive");
    expect(analyzeReview("Betyg: 1/5", { lang: "sv" }).sentiment).toBe("negative");
    expect(analyzeReview("Högsta betyg!", { lang: "sv" }).sentiment).toBe("positive");
    expect(analyzeReview("I usually wear a size 8/10.", { lang: "en" }).sentiment).toBe("neutral");
  });

  it("reads Swedish opinion words from Språkbanken's Sentimentlex, not its words that mislead on reviews", () => {
    // Neither word is in the team's own list: "skruttig" (rickety) and "bristfällig" (deficient) come from the seed.
    for (const text of ["Den är skruttig.", "Väskan är bristfällig."]) expectRulesToRead(text, "sv", "negative");
    // "tryckt" (printed) and "mörk" (dark) are Sentimentlex negatives removed for reviews.
    expect(analyzeReview("Tröjan har tryckt mönster och mörk botten.", { lang: "sv", learned: false }).score).toBe(0);
  });

  it("does not take Swedish 'kommer att' (will) for a delivery", () => {
    const analysis = analyzeReview("Väldigt nöjd, kommer att köpa igen.", { lang: "sv" });
    expect(topicSentiment(analysis, "shipping_delivery")).toBeUndefined();
    expect(analysis.sentiment).toBe("positive");
  });

  it("tolerates a missing or doubled letter", () => {
    expect(analyzeReview("Very disapointed with the quality").sentiment).toBe("negative");
    expect(analyzeReview("I would definitely recomend it").sentiment).toBe("positive");
  });

  it("reads Swedish typed without å, ä and ö as the words they fold from", () => {
    expect(topicSentiment(analyzeReview("Kvaliteten ar dalig", { lang: "sv" }), "quality")).toBe("negative");
    expect(
      topicSentiment(analyzeReview("Mycket daligt bemotande fran kundtjanst", { lang: "sv" }), "customer_service"),
    ).toBe("negative");
    expect(analyzeReview("Jattenojd med kopet", { lang: "sv" }).sentiment).toBe("positive");
    expect(analyzeReview("Helt vardelos produkt", { lang: "sv" }).sentiment).toBe("negative");
    // Only words without those letters are folded, and only in a language that declares them.
    expect(analyzeReview("dalig", { lang: "en" }).sentiment).toBe("neutral");
  });
});

describe("Swedish compounds", () => {
  it("finds kundtjänsten as customer_service", () => {
    expect(topicSentiment(analyzeReview("Kundtjänsten var jättetrevlig"), "customer_service")).toBe("positive");
  });

  it.each([
    ["leveranstiden var lång", "shipping_delivery"],
    ["passformen är perfekt", "size_fit"],
    ["storleksguiden stämde", "size_fit"],
    ["returhanteringen var smidig", "returns_exchanges"],
    ["tygkvaliteten är toppen", "quality"],
  ])("finds the topic inside '%s'", (text, topic) => {
    expect(analyzeReview(text, { lang: "sv" }).topics.map((finding) => finding.topic)).toContain(topic);
  });

  it("does not read a word by a known tail after an unknown first part (2.19.0)", () => {
    // tillr|äckligt (enough) read as disgusting, mat|kassen (the grocery bag) as lousy, sk|rivit (written) as torn,
    // vin|glade (wobbled) as happy, fin|stilta (the fine print) as fine.
    for (const [text, sentiment] of [
      ["Tillräckligt.", "neutral"],
      ["Matkassen stod i hallen.", "neutral"],
      ["Jag har skrivit till dem.", "neutral"],
      ["Läs det finstilta.", "neutral"],
      ["Bordet vinglade.", "negative"],
      ["Fruktansvärt.", "negative"],
    ] as const)
      expectRulesToRead(text, "sv", sentiment);
    // Both parts known still read as a compound, and a known first part still names its topic.
    expect(analyzeReview("Snabbleverans!", { lang: "sv", learned: false }).sentiment).toBe("positive");
    expect(analyzeReview("Leveranstiden var lång.", { lang: "sv" }).topics.map((finding) => finding.topic)).toContain(
      "shipping_delivery",
    );
  });

  it("reads the opinion inside a compound such as snabbleverans", () => {
    expect(topicSentiment(analyzeReview("Snabbleverans!", { lang: "sv" }), "shipping_delivery")).toBe("positive");
    expect(topicSentiment(analyzeReview("Kvalitetsproblem efter en vecka", { lang: "sv" }), "quality")).toBe(
      "negative",
    );
  });
});

describe("evidence", () => {
  it("points at the words that carried each topic, with offsets into the text", () => {
    const text = "Great fit but the shipping was slow";
    const shipping = analyzeReview(text).topics.find((finding) => finding.topic === "shipping_delivery");
    expect(shipping?.evidence).toBe("shipping was slow");
    expect(text.slice(shipping?.start, shipping?.end)).toBe("shipping was slow");
  });

  it("keeps offsets right after emoji and non-ASCII capitals", () => {
    const text = "😍😍 ÄLSKAR färgen";
    const appearance = analyzeReview(text).topics.find((finding) => finding.topic === "appearance");
    expect(appearance && text.slice(appearance.start, appearance.end)).toBe(appearance?.evidence);
    expect(appearance?.evidence).toContain("färgen");
  });
});

describe("language detection", () => {
  it("detects Swedish vs English", () => {
    expect(detectLanguage("Tröjan är jättefin och leveransen kom snabbt").lang).toBe("sv");
    expect(detectLanguage("The sweater is lovely and it arrived quickly").lang).toBe("en");
    expect(detectLanguage("Toppen!").lang).toBe("sv");
  });

  it("reports other languages as such and still analyses them", () => {
    expect(detectLanguage("Der Pullover ist sehr schön, aber leider zu klein").lang).toBe("de");
    expect(detectLanguage("Genseren er veldig fin, men litt for liten").lang).toBe("no");
    expect(detectLanguage("👍👍").lang).toBe("unknown");
    const german = analyzeReview("Der Pullover ist sehr schön, aber leider zu klein 😞");
    expect(german.lang).toBe("de");
    expect(["positive", "negative", "neutral"]).toContain(german.sentiment);
  });

  it("gives each caller a guess of its own, which a later detection does not change", () => {
    const swedish = detectLanguage("Tröjan är jättefin och leveransen kom snabbt");
    const english = detectLanguage("The sweater is lovely and it arrived quickly");
    analyzeReview("Der Pullover ist sehr schön, aber leider zu klein");
    expect(swedish).toEqual({ lang: "sv", confidence: expect.any(Number) });
    expect(english.lang).toBe("en");
    expect(swedish).not.toBe(english);
  });

  it("uses the language it is given instead of guessing", () => {
    expect(analyzeReview("ok", { lang: "sv-SE" }).lang).toBe("sv");
  });

  it("lets the writer's locale stand in only where the text is too short to tell", () => {
    expect(detectLanguage("Ok").lang).toBe("unknown");
    expect(analyzeReview("Ok", { localeHint: "sv-SE" }).lang).toBe("sv");
    expect(analyzeReview("Ok", { localeHint: "en-GB" }).lang).toBe("en");
    expect(detectLanguage("Bra").confidence).toBeLessThan(0.25);
    expect(analyzeReview("Bra", { localeHint: "en" }).lang).toBe("en");
    expect(analyzeReview("The sweater is lovely and it arrived quickly", { localeHint: "sv" }).lang).toBe("en");
    expect(analyzeReview("Tröjan är jättefin och leveransen kom snabbt", { localeHint: "en" }).lang).toBe("sv");
    // A locale the engine has no language for does not replace the guess.
    expect(analyzeReview("Toppen!", { localeHint: "de" }).lang).toBe("sv");
  });
});

describe("custom topics", () => {
  it("a custom topic with merchant keywords is found", () => {
    const customTopics = [{ key: "scent", label: "Doft", keywords: ["doft", "smell", "smells like"] }];
    const swedish = analyzeReview("Doften är underbar", { customTopics });
    expect(topicSentiment(swedish, "scent")).toBe("positive");
    const english = analyzeReview("It smells like cheap plastic and the smell is awful", { customTopics });
    expect(topicSentiment(english, "scent")).toBe("negative");
  });
});

describe("public surface", () => {
  it("lists the twelve built-in topics with English and Swedish labels", () => {
    expect(BUILT_IN_TOPICS.map((topic) => topic.key)).toEqual([
      "quality",
      "size_fit",
      "comfort",
      "appearance",
      "durability",
      "functionality",
      "ease_of_use",
      "price_value",
      "shipping_delivery",
      "packaging",
      "customer_service",
      "returns_exchanges",
    ]);
    expect(BUILT_IN_TOPICS.find((topic) => topic.key === "customer_service")?.labels).toEqual({
      en: "Customer service",
      sv: "Kundtjänst",
    });
    expect(ENGINE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("tokenizes to lower-case words without punctuation", () => {
    expect(tokenize("Snygg TRÖJA, doesn't fit!")).toEqual(["snygg", "tröja", "doesn't", "fit"]);
  });

  it("scores every review in [-1, 1] and handles empty text", () => {
    expect(analyzeReview("")).toEqual({ lang: "unknown", sentiment: "neutral", score: 0, topics: [] });
    const strong = analyzeReview("AMAZING!!! Perfect fit, gorgeous colour, super fast delivery 😍😍😍");
    expect(strong.score).toBeLessThanOrEqual(1);
    for (const finding of strong.topics) expect(Math.abs(finding.score)).toBeLessThanOrEqual(1);
  });

  it("reads a word by the language it is analysed in, however often it was read in another", () => {
    // One record a word serves every language: "bra" is praise in Swedish, a garment in English.
    for (let round = 0; round < 2; round++) {
      expect(analyzeReview("Bra!", { lang: "sv" }).sentiment).toBe("positive");
      expect(analyzeReview("Bra!", { lang: "en" }).sentiment).toBe("neutral");
      expect(analyzeReview("Fin.", { lang: "sv" }).sentiment).toBe("positive");
    }
  });

  it("reads remembered words afresh when a language pack is replaced", () => {
    const pack = (valence: number) => ({
      sentiment: {
        lang: "yy",
        valence: { zorp: valence },
        negators: [],
        modifiers: {},
        contrastConjunctions: [],
        concessiveConjunctions: [],
        contrastAdverbs: [],
        excessMarkers: [],
        inflections: [],
      },
      topics: { lang: "yy", topics: { price_value: { label: "Pris", terms: ["kost"] } } },
    });
    registerLanguagePack(pack(3));
    expect(analyzeReview("kost zorp", { lang: "yy" }).sentiment).toBe("positive");
    registerLanguagePack(pack(-3));
    expect(analyzeReview("kost zorp", { lang: "yy" }).sentiment).toBe("negative");
    expect(topicSentiment(analyzeReview("kost zorp", { lang: "yy" }), "price_value")).toBe("negative");
  });

  it("adds a language from data alone", () => {
    const lang = registerLanguagePack({
      sentiment: {
        lang: "xx",
        valence: { gud: 3, dorlig: -3 },
        negators: ["ikk"],
        modifiers: {},
        contrastConjunctions: [],
        concessiveConjunctions: [],
        contrastAdverbs: [],
        excessMarkers: [],
        inflections: [],
      },
      topics: { lang: "xx", topics: { price_value: { label: "Pris", terms: ["pris"] } } },
    });
    expect(lang).toBe("xx");
    expect(topicSentiment(analyzeReview("pris ikk gud", { lang: "xx" }), "price_value")).toBe("negative");
  });
});

describe("long reviews and many custom topics", () => {
  // The walk keeps its clauses, sentences, opinions and mentions in typed arrays that grow with the review.
  it("gives every custom topic its mentions when one word names many of them", () => {
    const customTopics = Array.from({ length: 40 }, (_, k) => ({
      key: `zip-${k}`,
      label: `Zip ${k}`,
      keywords: ["zip*"],
    }));
    const text = Array.from({ length: 400 }, () => "It has a zip.").join(" ") + " The zip broke after a day!";
    const analysis = analyzeReview(text, { customTopics });
    for (let k = 0; k < 40; k++) {
      const finding = analysis.topics.find((candidate) => candidate.topic === `zip-${k}`);
      expect(finding?.sentiment, `zip-${k}`).toBe("negative");
      expect(finding?.evidence, `zip-${k}`).toContain("broke");
    }
  });

  it("reads a review of thousands of words to its last sentence", () => {
    const sentences = Array.from({ length: 400 }, (_, k) =>
      k === 399 ? "The packaging was torn and awful." : "The fit is great but the fabric feels cheap.",
    );
    const analysis = analyzeReview(sentences.join(" "));
    expect(topicSentiment(analysis, "size_fit")).toBe("positive");
    expect(topicSentiment(analysis, "quality")).toBe("negative");
    expect(topicSentiment(analysis, "packaging")).toBe("negative");
    const evidence = analysis.topics.find((finding) => finding.topic === "packaging")?.evidence ?? "";
    expect(evidence).toContain("torn");
    expect(analyzeReview("The packaging was torn and awful.").topics.map((finding) => finding.topic)).toContain(
      "packaging",
    );
  });
});
