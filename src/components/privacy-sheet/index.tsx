import { Button as TaroButton, Text, View } from '@tarojs/components'
import { Button } from '../nut/button'

export interface PrivacySheetProps {
  visible: boolean
  /** WeChat: the agree button must be this native button type, carrying `agreeButtonId`. */
  agreeOpenType?: 'agreePrivacyAuthorization'
  agreeButtonId: string
  /** Called from the agree tap itself (a browser only opens a file chooser inside a tap). */
  onAgree: () => void
  onDecline: () => void
  onReadMore: () => void
}

/** The privacy notice shown before the first photo or location: what is collected and why, agree or decline. */
export function PrivacySheet({
  visible,
  agreeOpenType,
  agreeButtonId,
  onAgree,
  onDecline,
  onReadMore,
}: PrivacySheetProps) {
  if (!visible) return null
  return (
    <View className="bg-privacy-sheet">
      <View className="bg-privacy-sheet__mask" />
      <View className="bg-privacy-sheet__panel">
        <Text className="bg-privacy-sheet__title">隐私保护提示</Text>
        <Text className="bg-privacy-sheet__text">
          拍照举报需要使用您的相机或相册，并获取您选择的位置，用于确定问题所在的网格并派给网格员处理。照片上传前会压缩，并去掉其中的拍摄地点等隐藏信息。
        </Text>
        <Text className="bg-privacy-sheet__text">
          匿名举报时，网格工作人员看不到您的身份，但匿名举报不计积分。
        </Text>
        <Text className="bg-privacy-sheet__link bg-privacy-read" onClick={onReadMore}>
          阅读《蓝天网格隐私说明》›
        </Text>
        <View className="bg-privacy-sheet__actions">
          <Button
            className="bg-privacy-sheet__decline bg-privacy-decline"
            size="large"
            fill="outline"
            onClick={onDecline}
          >
            不同意
          </Button>
          {agreeOpenType ? (
            <TaroButton
              id={agreeButtonId}
              className="bg-privacy-sheet__agree bg-privacy-agree"
              openType={agreeOpenType}
              onAgreePrivacyAuthorization={onAgree}
            >
              同意并继续
            </TaroButton>
          ) : (
            <TaroButton
              id={agreeButtonId}
              className="bg-privacy-sheet__agree bg-privacy-agree"
              onClick={onAgree}
            >
              同意并继续
            </TaroButton>
          )}
        </View>
      </View>
    </View>
  )
}
