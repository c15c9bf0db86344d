/**
 * DOM stand-ins for @tarojs/components in jsdom page tests:
 *   jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
 * Events are shaped like Taro's: `onInput`/`onChange` receive `{ detail: { value } }`.
 * A Picker renders a <select> (choose with fireEvent.change(select, { target: { value: '<index>' } })); a
 * date or time Picker an <input> taking the text itself.
 */
import { forwardRef, type CSSProperties, type ReactNode } from 'react'

interface Common {
  id?: string
  className?: string
  style?: CSSProperties
  children?: ReactNode
  onClick?: (event: { stopPropagation: () => void }) => void
}

type Detail<T> = { detail: { value: T } }

// forwardRef throughout: NutUI React Taro holds refs to the views it measures (tabs, rate).
export const View = forwardRef<HTMLDivElement, Common>(function View(
  { id, className, style, children, onClick },
  ref,
) {
  return (
    <div ref={ref} id={id} className={className} style={style} onClick={onClick}>
      {children}
    </div>
  )
})

export const Text = forwardRef<HTMLSpanElement, Common>(function Text(
  { id, className, style, children, onClick },
  ref,
) {
  return (
    <span ref={ref} id={id} className={className} style={style} onClick={onClick}>
      {children}
    </span>
  )
})

type ButtonProps = Common & {
  disabled?: boolean
  loading?: boolean
  /** WeChat's open-type (e.g. agreePrivacyAuthorization); the tap stands in for WeChat's own event. */
  openType?: string
  onAgreePrivacyAuthorization?: () => void
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { id, className, children, onClick, disabled, loading, openType, onAgreePrivacyAuthorization },
  ref,
) {
  return (
    <button
      ref={ref}
      id={id}
      className={className}
      disabled={disabled}
      data-loading={loading ? 'true' : undefined}
      data-open-type={openType}
      onClick={(event) => {
        onClick?.(event)
        if (openType === 'agreePrivacyAuthorization') onAgreePrivacyAuthorization?.()
      }}
    >
      {children}
    </button>
  )
})

export function Image({
  id,
  className,
  src,
  onClick,
}: Common & { src: string; mode?: string; lazyLoad?: boolean }) {
  return <img id={id} className={className} src={src} alt="" onClick={onClick} />
}

type InputProps = Common & {
  value?: string
  placeholder?: string
  type?: string
  maxlength?: number
  disabled?: boolean
  onInput?: (event: Detail<string>) => void
  onFocus?: () => void
  onBlur?: () => void
}

// NutUI holds a ref to its native input and textarea.
export const Input = forwardRef<HTMLInputElement, InputProps>(function Input(
  { id, className, value, placeholder, type, maxlength, disabled, onInput },
  ref,
) {
  return (
    <input
      ref={ref}
      id={id}
      disabled={disabled}
      className={className}
      value={value ?? ''}
      placeholder={placeholder}
      type={type === 'digit' || type === 'number' ? 'text' : type}
      maxLength={maxlength}
      onChange={(event) => onInput?.({ detail: { value: event.target.value } })}
    />
  )
})

type TextareaProps = Common & {
  value?: string
  placeholder?: string
  maxlength?: number
  disabled?: boolean
  onInput?: (event: Detail<string>) => void
}

export const Textarea = forwardRef<HTMLTextAreaElement, TextareaProps>(function Textarea(
  { id, className, value, placeholder, maxlength, disabled, onInput },
  ref,
) {
  return (
    <textarea
      ref={ref}
      id={id}
      disabled={disabled}
      className={className}
      value={value ?? ''}
      placeholder={placeholder}
      maxLength={maxlength}
      onChange={(event) => onInput?.({ detail: { value: event.target.value } })}
    />
  )
})

export function Switch({
  id,
  className,
  checked,
  onChange,
}: Common & { checked?: boolean; color?: string; onChange?: (event: Detail<boolean>) => void }) {
  return (
    <input
      id={id}
      className={className}
      type="checkbox"
      checked={Boolean(checked)}
      onChange={(event) => onChange?.({ detail: { value: event.target.checked } })}
    />
  )
}

export function Picker({
  id,
  className,
  children,
  mode,
  range = [],
  rangeKey,
  value,
  disabled,
  onChange,
}: Common & {
  mode?: string
  range?: unknown[]
  rangeKey?: string
  value?: number | string
  disabled?: boolean
  onChange?: (event: Detail<number> | Detail<string>) => void
}) {
  // A date or time picker answers the text it shows (YYYY-MM-DD, HH:mm): an <input> stands in for it.
  if (mode === 'date' || mode === 'time')
    return (
      <div id={id} className={className}>
        <input
          disabled={disabled}
          value={String(value ?? '')}
          onChange={(event) => onChange?.({ detail: { value: event.target.value } })}
        />
        {children}
      </div>
    )
  return (
    <div id={id} className={className}>
      <select
        disabled={disabled}
        value={String(value ?? 0)}
        onChange={(event) => onChange?.({ detail: { value: Number(event.target.value) } })}
      >
        {range.map((item, index) => (
          <option key={index} value={String(index)}>
            {rangeKey && typeof item === 'object' && item !== null
              ? String((item as Record<string, unknown>)[rangeKey])
              : String(item)}
          </option>
        ))}
      </select>
      {children}
    </div>
  )
}

export function ScrollView({ id, className, style, children }: Common & { scrollY?: boolean }) {
  return (
    <div id={id} className={className} style={style}>
      {children}
    </div>
  )
}

/**
 * WeChat's map: its markers as buttons (a tap is `onMarkerTap` with the marker's id) and its props kept in
 * `mapProps` so a test can tap a place on the map (`onTap` with its latitude and longitude).
 */
export const mapProps: { last?: Record<string, unknown> } = {}
export function Map(props: Common & Record<string, unknown>) {
  mapProps.last = props
  const markers = (props.markers ?? []) as Array<{ id: number; title?: string }>
  const onMarkerTap = props.onMarkerTap as ((event: { detail: { markerId: number } }) => void) | undefined
  return (
    <div className={props.className} data-polygons={((props.polygons ?? []) as unknown[]).length}>
      {markers.map((marker) => (
        <button
          key={marker.id}
          className="fake-map-marker"
          onClick={() => onMarkerTap?.({ detail: { markerId: marker.id } })}
        >
          {marker.title}
        </button>
      ))}
    </div>
  )
}
