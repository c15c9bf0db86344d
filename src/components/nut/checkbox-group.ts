// NutUI React Taro CheckboxGroup, imported from its ESM path with its own CSS, so only the components in use ship.
// It draws its options with Checkbox, whose CSS (icons, label) lives in Checkbox's package.
import CheckboxGroup from '@nutui/nutui-react-taro/dist/es/packages/checkboxgroup'
import '@nutui/nutui-react-taro/dist/es/packages/checkboxgroup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/checkbox/style/css'

export { CheckboxGroup }
