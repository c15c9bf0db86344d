// NutUI React Taro RadioGroup, imported from its ESM path with its own CSS, so only the components in use ship.
// It draws its options with Radio, whose CSS (round icons, label) lives in Radio's package.
import RadioGroup from '@nutui/nutui-react-taro/dist/es/packages/radiogroup'
import '@nutui/nutui-react-taro/dist/es/packages/radiogroup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/radio/style/css'

export { RadioGroup }
