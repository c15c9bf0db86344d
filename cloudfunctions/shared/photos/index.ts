import type { photoActions } from '../../../src/domain/photos/contract'
import type { HandlerMap } from '../api/handler'
import { photoSchema } from './collections'
import { preparePhotoUpload, registerPhoto } from './handlers'

const handlers: HandlerMap<keyof typeof photoActions> = {
  'photo.prepare': preparePhotoUpload,
  'photo.register': registerPhoto,
}

/** Photos: where clients upload, the registration that strips an upload's metadata, who uploaded what. */
export const photosContext = { name: 'photos', handlers, jobs: [], ...photoSchema }
