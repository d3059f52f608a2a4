export * from './types';
export { ApiError, request, setUnauthenticatedHandler } from './client';
export { api } from './endpoints';
export { errorMessage, fieldErrors } from './errors';
