import type { PickedSheet } from './types'

/**
 * Opens the browser's file chooser on an `<input type="file" id="bgChooseSheet">` (a browser test answers it
 * with `setInputFiles('#bgChooseSheet', ...)`), then reads the file as base64. Called straight from a tap.
 */
export function chooseSpreadsheet(): Promise<PickedSheet | null> {
  return new Promise((resolve, reject) => {
    document.getElementById('bgChooseSheet')?.remove()
    const input = document.createElement('input')
    input.type = 'file'
    input.id = 'bgChooseSheet'
    input.accept = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    input.style.display = 'none'
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      input.remove()
      if (!file) return resolve(null)
      const reader = new FileReader()
      reader.onload = () => {
        const url = String(reader.result ?? '')
        resolve({ name: file.name, base64: url.slice(url.indexOf(',') + 1) })
      }
      reader.onerror = () => reject(reader.error ?? new Error('file read failed'))
      reader.readAsDataURL(file)
    })
    input.addEventListener('cancel', () => {
      input.remove()
      resolve(null)
    })
    document.body.appendChild(input)
    input.click()
  })
}
