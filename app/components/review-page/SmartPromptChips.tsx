// Smart Prompts under a review's text: a few topics worth writing about for this product. Without JavaScript they
// are plain hints (marked covered when a sent text already mentioned them); the page's script turns each chip to
// "covered" as soon as the text mentions its topic, in English or Swedish.
export interface PromptTopic {
  key: string;
  label: string;
  covered: boolean;
}

export function SmartPromptChips(props: { id: string; title: string; coveredLabel: string; topics: PromptTopic[] }) {
  return (
    <div className="rp-prompts" id={props.id}>
      <p>{props.title}</p>
      <ul className="rp-chips" aria-live="polite">
        {props.topics.map((topic) => (
          <li key={topic.key} className="rp-chip" data-topic={topic.key} data-covered={String(topic.covered)}>
            {topic.label}
            <span className="rp-vh rp-chip-state">{topic.covered ? ` ${props.coveredLabel}` : ""}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
