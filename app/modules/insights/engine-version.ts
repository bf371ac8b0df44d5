/**
 * Stored with every analysis; when it changes, the pipeline re-analyses old reviews in the
 * background. Bump it with any change to code, lexicon data or learned weights that can change a
 * result. 2.0.0 added the learned layer (learned/); `{ learned: false }` reads with the rules alone (as 1.0.1 did
 * up to 2.1.0; 2.2.0 changed the lexicons too, so the rules alone are no longer 1.0.1).
 * 2.1.0: the stored result also carries where it is counted (rejected reviews are not counted; weeks and months
 * are the shop's), so every review is analysed again once and the aggregates move to the shop's calendar.
 * 2.2.0: Swedish lexicon seeded from Språkbanken's Sentimentlex, review phrases added in both languages ("the only
 * downside", "redan efter", "lasts long"), a learned topic needs more beside topics the rules placed opinions on,
 * weights retrained; detection runs once a review in the pipeline (the locale is a hint to the engine).
 * 2.3.0: clothing and Swedish shop phrases in both lexicons ("runs very small", "wanted to love", "sent it back",
 * "tyget är tunt", "returnerade", "lämnar mycket att önska"), "tyvärr" is never negated ("passar inte tyvärr"),
 * "gjorde" is no longer read as "gjord" (made), weights retrained with the team's own clothing and shop reviews.
 * 2.4.0: milder contrast (the clause before "but" weighs 0.75, the one after 1.25: a mild complaint no longer
 * outweighs strong praise), Swedish "inte" reaches back over a pronoun or "tyvärr" to its verb ("passar mig inte"),
 * plain care labels are descriptions ("machine washable"), demands for the money back are complaints, more Swedish
 * review phrases ("under all kritik", "håller knappt"); lukewarm "ok"/"okej" no longer an opinion of their own;
 * counterfactuals ("could have been", "kunde varit") are complaints; the empty sentence after a closing "." no
 * longer lets the model decide a review alone; Swedish typed without å/ä/ö is read ("dalig", "jattenojd");
 * "not too" / "inte helt" no longer swallow the negator ("Not too bad" read negative); intensified fit words are
 * complaints ("very tight"); idioms whose negator is praise ("can't recommend it enough", "aldrig varit så nöjd");
 * service and delivery phrases; weights averaged over five training orders, learned topic threshold 2.
 * 2.5.0: colloquial Swedish (coming back or not: "kommer (inte) handla här igen", "köpa fler", "utan tvekan";
 * "funkar sådär", "dog efter", "luktade konstigt", "svarar aldrig", "stod i kö", "lurade", "bluff", "som utlovat",
 * "kunde inte vara mer ...", "går inte att ..."), Swedish words that only look like others typed without å/ä/ö are
 * read as themselves ("skor" is not "skör", "svart" not "svårt", "vanligt" not "vänligt", "sommar" not "sömmar"),
 * a Swedish negator that has negated the verb behind it stops at "och" ("luddar inte och är skön"), a zero stem
 * stops compound splitting ("present" is not pre|sent), weights retrained with the team's colloquial Swedish reviews
 * (tests/insights/training/sv-colloquial.jsonl).
 * 2.6.0: a phrase may skip one word right after its first (`phraseSkips`: Swedish subject pronouns of verb-second
 * order, "i verkligheten ser den billig ut", "levde den inte upp till"; English degree words, "runs incredibly
 * small"); lukewarm verdicts ("nothing special", "inget speciellt", "tre stjärnor", "sådär") read a review that leans
 * under 0.4 either way as neutral; clothing fit and wear phrases ("not on me", "no gap", "holds its shape", "bag out",
 * "feels a little cheap"); Swedish "fick vänta", "köpte en till", "aldrig något svar"; weights retrained with 80 more
 * team-written clothing reviews and 40 more colloquial Swedish ones.
 * 2.7.0: weights retrained with 9,000 more team-written reviews (Swedish shops, products, services and companies;
 * English fashion, apparel, laptop and product reviews; docs/data/README.md), and the model may overrule the rules'
 * verdict on a whole review where it reads the review the other way by a margin of 20 (30 + 30 x |score| to make
 * it neutral): "The colour is gorgeous and the fabric feels lovely, but it runs about two sizes small and the seams
 * were already coming apart. Sending it back."; where the rules read no opinion, its reading of the whole review
 * decides at 40. A review of one word the lexicon does not know stays neutral.
 * 2.8.0: the learned layer's thresholds are stated in units of the model's own readings, stored in the weights file
 * per language (`polarityUnit`: the mean polarity margin on the training text; `topicUnit`: the mean topic score), so
 * they keep their meaning as the weights grow with more training text; scare quotes ('the "indestructible" toy',
 * '"snabb leverans"'): praise inside one to three quoted words is not praise to the rules, and the learned layer has a
 * feature for them; review idioms ("finns bättre", "vad är vitsen", "there are better", "game changer"); turning an
 * opinion neutral takes 0.3 + 0.4 x |score| units; weights retrained (the same training text, less what the new
 * held-out sets also hold); 4,800 more team-written reviews are held out for evaluation.
 * 2.9.0: a sixteenth output of the learned layer tells plain statements of fact ("Paid by card.", "Boken har 312
 * sidor") from reviews with a verdict, trained on 1,186 team-written statements; a review without an opinion word that
 * it reads as fact is neutral, topics and all, and any other review the rules read no opinion in takes the model's
 * reading of the whole of it (no margin, no reading of unread sentences); the model overrules the rules' reading of a
 * text of six words or fewer only at 0.4; "looks like the picture" and "ser ut som på bilden" are mild praise like
 * "as pictured", and complaints negated; weights retrained.
 * 2.10.0: a topic whose sentence has no opinion word ("Leveransen tog tre veckor", "10 hours of battery") takes the
 * learned layer's reading of that sentence at any margin (before: only at 0.4 where the rules had read the sentence),
 * and keeps it only when it is the review's verdict ("Nice headphones. The battery lasts 30 hours." keeps its battery
 * neutral). Weights unchanged.
 * 2.11.0: weights retrained with session 14's 2,384 reviews whose verdict is not in plain opinion words (three fifths
 * trained on, teaching polarity only; held out whole before); overruling the rules' verdict on a text of six words or
 * fewer takes 0.6 units (0.4 before), so an exact phrase ("Looked like the photos online.") is not turned into a
 * complaint by the past tense the new text taught the model to distrust.
 * 2.12.0: missing words and idioms in both lexicons: Swedish "mögla*" (compound splitting read "möglade", went
 * mouldy, as "glade", happy), "omtänksam*", "lurendrejeri", "huvudvärk", "ett kap", "som en dröm", "kostade skjortan",
 * "ett steg bakåt", "inget mer köp"; English "moldy", "swear by", "tough as nails", "can't ask for more", lukewarm
 * "nothing to rave about"; "bäst före" and "best before" are date labels, not praise. Weights retrained.
 * 2.13.0: the learned layer reads word bigrams within a clause ("fell apart", "inte köpa"; polarity only, from a
 * table of their own) and counts a review's last sentence twice towards the review's polarity when an earlier
 * sentence has words ("… Sending it back."); weights file format 2. Weights retrained.
 * 2.14.0: weights retrained with session 11's seven held-out sets as training text (3,700 reviews by seven more
 * writers; their verdicts do not teach the factual output), so session 12's eight sets measure strangers' text.
 * 2.15.0: the learned layer counts the words and bigrams after a contrast word of their sentence ("but", "men",
 * "however", "dock") once more towards the review's polarity; weights retrained with session 19's sixteen sets (7,680
 * reviews by sixteen more writers; the English ones teach polarity only).
 * 2.16.0: weights retrained with session 20's eight sets (3,862 reviews by eight more writers: Swedish slang, older
 * customers' letters, comparisons and irony, price-comparison sites, apps, regional speech; British and Australian
 * English, long reviews with updates; the English ones teach polarity only). Weights file format 3 (the tables coded
 * as text): the same weights, a fifth of the memory once parsed.
 * 2.17.0: the learned layer reads the praise and the complaint the rules weighed in a review apart, beside their net
 * score (`ruleBalanceFeature`: each none, some or much); weights retrained with session 20's second eight sets (3,780
 * reviews: Swedish gifts, sport and outdoor, long-term updates, short star comments, pets; English gifts, fitness and
 * outdoor, short star comments; the English ones teach polarity only).
 * 2.18.0: the learned layer is trained reading most reviews' polarity without the rules' features (`ruleDropout` 85 %),
 * so its words learn from every review rather than mostly from the rules' mistakes.
 * 2.19.0: the rules no longer read a Swedish word by a known tail after an unknown first part ("tillr|äckligt",
 * enough, read as disgusting; "fruktans|värt", terrible, as worth it), and no negator flips an emoji; missing words,
 * idioms and negators in both lexicons ("int", "inte ett enda", "nej tack", "tack för ingenting", "fruktansvärt",
 * neuter forms in -t of adjectives in -d, "far from", "to die for", "abysmal", "hard pass"); a review without opinion
 * words reads as plain statements only where the factual output outweighs how sure the model is of a verdict
 * (`FACTUAL_PER_MARGIN`). Weights retrained.
 * 2.20.0: weights retrained with session 23's eight sets (3,867 reviews by eight more writers, aimed at what the engine
 * misread: verdicts that turn on small words, irony and understatement, verdicts told through what happened, complaint
 * and refund stories, a general store's products; the English ones teach polarity only).
 * 2.21.0: weights retrained with session 23's second eight sets (3,838 reviews: Swedish negation in everyday word
 * order, mixed and lukewarm reviews, companies on a review site, short product-page comments; English products told
 * through use, short casual clothing reviews, long women's clothing reviews, negation and comparison).
 */
export const ENGINE_VERSION = "2.21.0";
