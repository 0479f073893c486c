/** What the in-process faces (msw, undici) answer by default: Atlas for Government and its documented alias. */
export const GOV_ORIGINS = ['https://cloud.mongodbgov.com', 'https://cloudgov.mongodb.com'];
