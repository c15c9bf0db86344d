import { Button, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { CaseView, EventView } from '@/domain/contract'
import { useCaseAct } from '@/hooks/use-case-act'
import { isApiError, photoUrl } from '@/services/api'

interface AwaitingPhoto {
  photoId: string
  url: string
  /** The act that named it as evidence, to say which step it belongs to. */
  step: string
}

/** The evidence photos of a case's trail that wait on a person, oldest act first. */
export function photosAwaitingReview(events: readonly EventView[]): AwaitingPhoto[] {
  return events.flatMap((event) =>
    (event.awaitingReview ?? []).map(({ photoId, photo }) => ({
      photoId,
      url: photoUrl(photo),
      step: event.label,
    })),
  )
}

/**
 * The handling photos WeChat's content check held for a person (it asked for review, could not check, or
 * has not answered): staff look at each and pass it, after which the reporter and other residents see it.
 * Nothing is shown when none waits, which is every case for a viewer who is not staff.
 */
export function EvidenceReview({
  caseId,
  events,
  onPassed,
  onRefused,
}: {
  caseId: string
  events: readonly EventView[]
  onPassed: (next: CaseView) => void
  onRefused: () => void
}) {
  const { run } = useCaseAct()
  const [passing, setPassing] = useState<string | null>(null)
  const photos = photosAwaitingReview(events)
  if (photos.length === 0) return null

  const pass = async (photo: AwaitingPhoto) => {
    const { confirm } = await Taro.showModal({
      title: '处理照片复核',
      content: '请确认照片中没有违规内容。通过后，举报人和其他市民都能看到这张照片。',
      confirmText: '复核通过',
    })
    if (!confirm) return
    setPassing(photo.photoId)
    try {
      const result = await run('case.approveEvidence', { caseId, photoId: photo.photoId })
      Taro.showToast({ title: '已复核通过，照片已公开', icon: 'none', duration: 2500 })
      onPassed(result.case)
    } catch (error) {
      // Refused (already passed, found risky since, not in the trail…): say why and show the case as it is.
      Taro.showToast({
        title: isApiError(error) ? error.message : '操作失败，请重试',
        icon: 'none',
        duration: 3000,
      })
      onRefused()
    } finally {
      setPassing(null)
    }
  }

  const urls = photos.map((photo) => photo.url)
  return (
    <View className="bg-section bg-evidence-review">
      <Text className="bg-section__title">待人工复核的处理照片</Text>
      <Text className="bg-section__note">
        微信内容安全检测要求人工复核（或未能检测）这些照片，核实无违规后通过，举报人才能看到；违规的请不予通过。
      </Text>
      {photos.map((photo, index) => (
        <View key={photo.photoId} className="bg-evidence-review__item">
          <Image
            className="bg-evidence-review__photo"
            src={photo.url}
            mode="aspectFill"
            onClick={() =>
              void Taro.previewImage({ urls, current: urls[index] ?? '' }).catch(() => undefined)
            }
          />
          <View className="bg-evidence-review__side">
            <Text className="bg-evidence-review__step">{photo.step}</Text>
            <Button
              className="bg-evidence-review__pass"
              size="mini"
              type="primary"
              loading={passing === photo.photoId}
              disabled={passing !== null}
              onClick={() => void pass(photo)}
            >
              复核通过
            </Button>
          </View>
        </View>
      ))}
    </View>
  )
}
