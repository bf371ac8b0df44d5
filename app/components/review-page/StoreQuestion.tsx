// The store question after the product cards: "How likely are you to recommend <shop> to a friend?" (0-10) and
// "How easy was it to order?" (1-7), both optional radio scales, and an optional comment. Part of the review
// form (one submit); nothing here is required, so it can never hold a review back.
import { CounterSlot } from "./CounterSlot";
import type { StoreAnswerInput, VocShopperWords } from "~/modules/voc";

export interface StoreQuestionProps {
  words: VocShopperWords;
  fields: { nps: string; ces: string; comment: string };
  scales: { nps: [number, number]; ces: [number, number] };
  commentMax: number;
  /** What the shopper answered before (an earlier visit, or this post when the review had a field to fix). */
  answer: StoreAnswerInput | null;
}

function Scale(props: {
  id: string;
  name: string;
  legend: string;
  low: string;
  high: string;
  range: [number, number];
  value: number | null;
}) {
  const [min, max] = props.range;
  const values = Array.from({ length: max - min + 1 }, (_, index) => min + index);
  return (
    <fieldset className="rp-field" aria-describedby={`${props.id}-ends`}>
      <legend>{props.legend}</legend>
      <div className="rp-scale" style={{ gridTemplateColumns: `repeat(${values.length}, 1fr)` }}>
        {values.map((value) => (
          <label key={value}>
            <input
              type="radio"
              className="rp-vh"
              id={value === min ? props.id : undefined}
              name={props.name}
              value={value}
              defaultChecked={props.value === value}
            />
            <span>{value}</span>
          </label>
        ))}
      </div>
      <p id={`${props.id}-ends`} className="rp-scale-ends">
        <span>{props.low}</span>
        <span>{props.high}</span>
      </p>
    </fieldset>
  );
}

export function StoreQuestion({ words, fields, scales, commentMax, answer }: StoreQuestionProps) {
  return (
    <section className="rp-card rp-store" aria-labelledby="store-question-title">
      <h2 id="store-question-title">{words["store.legend"]}</h2>
      <p className="rp-hint">{words["store.optional"]}</p>
      <Scale
        id="store-nps"
        name={fields.nps}
        legend={words["store.nps.question"]}
        low={words["store.nps.low"]}
        high={words["store.nps.high"]}
        range={scales.nps}
        value={answer?.nps ?? null}
      />
      <Scale
        id="store-ces"
        name={fields.ces}
        legend={words["store.ces.question"]}
        low={words["store.ces.low"]}
        high={words["store.ces.high"]}
        range={scales.ces}
        value={answer?.ces ?? null}
      />
      <div className="rp-field">
        <label htmlFor="store-comment">{words["store.comment.label"]}</label>
        <textarea
          id="store-comment"
          name={fields.comment}
          rows={3}
          maxLength={commentMax}
          defaultValue={answer?.comment ?? ""}
          data-counter-max={commentMax}
        />
        <CounterSlot forId="store-comment" />
      </div>
    </section>
  );
}
