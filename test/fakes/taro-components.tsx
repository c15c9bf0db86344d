/**
 * DOM stand-ins for @tarojs/components in jsdom page tests:
 *   jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
 * Events are shaped like Taro's: `onInput`/`onChange` receive `{ detail: { value } }`.
 * A Picker renders a <select> (choose with fireEvent.change(select, { target: { value: '<index>' } })).
 */
import type { CSSProperties, ReactNode } from 'react'

interface Common {
  id?: string
  className?: string
  style?: CSSProperties
  children?: ReactNode
  onClick?: (event: { stopPropagation: () => void }) => void
}

type Detail<T> = { detail: { value: T } }

export function View({ id, className, style, children, onClick }: Common) {
  return (
    <div id={id} className={className} style={style} onClick={onClick}>
      {children}
    </div>
  )
}

export function Text({ id, className, style, children, onClick }: Common) {
  return (
    <span id={id} className={className} style={style} onClick={onClick}>
      {children}
    </span>
  )
}

export function Button({
  id,
  className,
  children,
  onClick,
  disabled,
  loading,
}: Common & { disabled?: boolean; loading?: boolean }) {
  return (
    <button id={id} className={className} disabled={disabled} data-loading={loading ? 'true' : undefined} onClick={onClick}>
      {children}
    </button>
  )
}

export function Image({ id, className, src, onClick }: Common & { src: string; mode?: string; lazyLoad?: boolean }) {
  return <img id={id} className={className} src={src} alt='' onClick={onClick} />
}

export function Input({
  id,
  className,
  value,
  placeholder,
  type,
  maxlength,
  onInput,
}: Common & { value?: string; placeholder?: string; type?: string; maxlength?: number; onInput?: (event: Detail<string>) => void }) {
  return (
    <input
      id={id}
      className={className}
      value={value ?? ''}
      placeholder={placeholder}
      type={type === 'digit' || type === 'number' ? 'text' : type}
      maxLength={maxlength}
      onChange={(event) => onInput?.({ detail: { value: event.target.value } })}
    />
  )
}

export function Textarea({
  id,
  className,
  value,
  placeholder,
  maxlength,
  onInput,
}: Common & { value?: string; placeholder?: string; maxlength?: number; onInput?: (event: Detail<string>) => void }) {
  return (
    <textarea
      id={id}
      className={className}
      value={value ?? ''}
      placeholder={placeholder}
      maxLength={maxlength}
      onChange={(event) => onInput?.({ detail: { value: event.target.value } })}
    />
  )
}

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
      type='checkbox'
      checked={Boolean(checked)}
      onChange={(event) => onChange?.({ detail: { value: event.target.checked } })}
    />
  )
}

export function Picker({
  id,
  className,
  children,
  range = [],
  rangeKey,
  value,
  disabled,
  onChange,
}: Common & {
  mode?: string
  range?: unknown[]
  rangeKey?: string
  value?: number
  disabled?: boolean
  onChange?: (event: Detail<number>) => void
}) {
  return (
    <div id={id} className={className}>
      <select
        disabled={disabled}
        value={String(value ?? 0)}
        onChange={(event) => onChange?.({ detail: { value: Number(event.target.value) } })}
      >
        {range.map((item, index) => (
          <option key={index} value={String(index)}>
            {rangeKey && typeof item === 'object' && item !== null ? String((item as Record<string, unknown>)[rangeKey]) : String(item)}
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
