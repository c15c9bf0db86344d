import { Text, View } from '@tarojs/components'
import { Cell } from '@/components/nut/cell'
import { CellGroup } from '@/components/nut/cell-group'
import { shippedSettings } from '@/domain/settings'
import './index.scss'

interface Section {
  title: string
  lines: string[]
}

/** What the app stores and why, in plain Chinese; the same facts the privacy notice summarises. */
export const privacySections: Section[] = [
  {
    title: '我们保存什么',
    lines: [
      '您拍摄或选择的现场照片。照片在您的手机上重新压缩后才上传（长边不超过1280像素），压缩时去掉照片里的拍摄时间、手机型号、拍摄地点等隐藏信息（EXIF）。',
      '您选择的位置：您点“获取当前位置”、在地图上选的点，或手动填写的经纬度和地址。我们只保存这一个点，不会持续获取您的位置。',
      '问题类别、描述，以及问题的每一步处理记录（谁在什么时间做了什么）。',
      '您的微信身份标识（在微信里由微信提供，我们看不到您的微信号和手机号）、昵称和积分。',
    ],
  },
  {
    title: '为什么需要',
    lines: [
      '照片和位置用来确定问题在哪个网格，派给负责该网格的网格员去现场处理，并在整改后对照核查。',
      '处理记录用于跟踪进度、督办和考核，也让您像查快递一样看到每一步。',
    ],
  },
  {
    title: '谁能看到',
    lines: [
      '您本人和负责处理的网格工作人员能看到问题的照片、准确位置和处理记录。',
      '其他市民只能看到附近问题的概况，位置精确到约100米，看不到举报人。',
      '匿名举报：网格工作人员和其他人都看不到是您举报的；匿名举报不计积分。',
    ],
  },
  {
    title: '保存多久',
    lines: [
      '问题结案后，照片、位置和处理记录作为工作台账保存，用于复查和考核，保存期限为3年（以区长效办公布的档案规定为准），期满后删除或去除其中的个人信息。',
      '未提交的草稿只保存在您的手机上；提交成功或点“清空草稿”后即删除。',
      `整改通过核查后，您有${shippedSettings.policy.autoConfirmDays}天时间确认或提出异议，逾期未反馈视为满意。`,
    ],
  },
  {
    title: '您的选择',
    lines: [
      '不同意隐私说明时，您仍可以手动填写位置；拍照和定位需要您同意后才能使用。',
      '您可以在微信“设置 - 隐私”中随时关闭本小程序的位置和相册权限。',
      '如需查询、更正或删除您的信息，请联系所在街道的区长效办。',
    ],
  },
]

export default function PrivacyPage() {
  return (
    <View className="bg-page bg-privacy">
      <View className="bg-privacy__intro">
        <Text className="bg-privacy__title">蓝天网格隐私说明</Text>
        <Text className="bg-privacy__lead">
          我们只收集处理污染问题所必需的信息。下面用大白话说明我们保存什么、为什么保存、保存多久。
        </Text>
      </View>
      {privacySections.map((section) => (
        <CellGroup key={section.title} className="bg-privacy__group" title={section.title}>
          {section.lines.map((line) => (
            <Cell
              key={line}
              className="bg-privacy__line"
              title={<Text className="bg-privacy__text">{line}</Text>}
            />
          ))}
        </CellGroup>
      ))}
    </View>
  )
}
