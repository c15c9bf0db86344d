import { Text, View } from '@tarojs/components'
import type { CaseView } from '@/domain/contract'
import { FieldError } from '@/components/field-error'
import { Button } from '@/components/nut/button'
import { Rate } from '@/components/nut/rate'
import { TextArea } from '@/components/nut/textarea'
import { useReporterFeedback } from '../hooks/use-reporter-feedback'

/** The reporter's say once the fix is verified: a rating and comment to close, or a reason to reopen. */
export function ReporterFeedback({ item, onDone }: { item: CaseView; onDone: (next: CaseView) => void }) {
  const feedback = useReporterFeedback(item, onDone)
  const { mode, errors } = feedback

  return (
    <View className="bg-section bg-feedback">
      <Text className="bg-section__title">整改结果满意吗？</Text>
      <Text className="bg-section__note">问题已整改并通过核查。请确认结果，3天内未反馈将自动结案。</Text>
      <View className="bg-feedback__modes">
        <Button
          className="bg-feedback__mode bg-feedback-confirm-mode"
          type="primary"
          fill={mode === 'confirm' ? 'solid' : 'outline'}
          onClick={() => feedback.setMode('confirm')}
        >
          满意
        </Button>
        <Button
          className="bg-feedback__mode bg-feedback-dispute-mode"
          type="danger"
          fill={mode === 'dispute' ? 'solid' : 'outline'}
          onClick={() => feedback.setMode('dispute')}
        >
          不满意
        </Button>
      </View>
      {mode === 'confirm' ? (
        <View className="bg-feedback__form">
          <View className="bg-feedback__rate-line">
            <Text className="bg-feedback__label">评分</Text>
            <Rate
              className="bg-rating"
              value={feedback.rating}
              onChange={(value) => feedback.setRating(value)}
            />
            <Text className="bg-feedback__score">{feedback.rating ? `${feedback.rating}星` : '请打分'}</Text>
          </View>
          <FieldError field="rating" message={errors.rating} />
          <TextArea
            className="bg-feedback__textarea bg-feedback-comment"
            value={feedback.comment}
            maxLength={200}
            placeholder="说说处理得怎么样（选填）"
            onChange={feedback.setComment}
          />
          <FieldError field="comment" message={errors.comment} />
        </View>
      ) : (
        <View className="bg-feedback__form">
          <TextArea
            className="bg-feedback__textarea bg-dispute-reason"
            value={feedback.reason}
            maxLength={500}
            placeholder="请写明哪里还没有解决，例如：工地仍未冲洗车辆"
            onChange={feedback.setReason}
          />
          <FieldError field="reason" message={errors.reason} />
        </View>
      )}
      <Button
        className="bg-feedback__send bg-feedback-send"
        type={mode === 'confirm' ? 'primary' : 'danger'}
        size="large"
        block
        loading={feedback.running}
        onClick={() => void feedback.send()}
      >
        {mode === 'confirm' ? '确认结案' : '提交异议'}
      </Button>
    </View>
  )
}
