// Five radio buttons drawn as stars. Without JavaScript the radios are the control and CSS (:checked, :has)
// fills the stars up to the chosen one; with it, data-value keeps browsers without :has() in step.
import { Fragment, useState } from "react";

const STAR_PATH = "M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z";

export function StarRatingInput(props: {
  name: string;
  idPrefix: string;
  legend: string;
  optionLabels: [string, string, string, string, string];
  defaultValue: number | null;
  required: boolean;
  error: string | null;
  autoFocus: boolean;
  onRated?: (rating: number) => void;
}) {
  const [value, setValue] = useState(props.defaultValue);
  const errorId = `${props.idPrefix}-error`;
  return (
    <fieldset className="rp-field" aria-describedby={props.error ? errorId : undefined}>
      <legend>{props.legend}</legend>
      <div className="rp-stars" data-value={value ?? 0} data-invalid={props.error ? "true" : undefined}>
        {[1, 2, 3, 4, 5].map((stars) => (
          <Fragment key={stars}>
            <input
              type="radio"
              className="rp-vh"
              id={`${props.idPrefix}-${stars}`}
              name={props.name}
              value={stars}
              defaultChecked={props.defaultValue === stars}
              required={props.required}
              aria-invalid={props.error ? true : undefined}
              aria-describedby={props.error ? errorId : undefined}
              autoFocus={props.autoFocus && stars === (props.defaultValue ?? 1)}
              onChange={() => {
                setValue(stars);
                props.onRated?.(stars);
              }}
            />
            <label htmlFor={`${props.idPrefix}-${stars}`} title={props.optionLabels[stars - 1]}>
              <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d={STAR_PATH} />
              </svg>
              <span className="rp-vh">{props.optionLabels[stars - 1]}</span>
            </label>
          </Fragment>
        ))}
      </div>
      {props.error ? (
        <p id={errorId} className="rp-error">
          {props.error}
        </p>
      ) : null}
    </fieldset>
  );
}
