export { createDossierModule, type DossierModule, type DossierModuleDeps } from './module.js';
export { checkDossierCode, findDossierCodesInText, normaliseDossierCode, parseDossierCode, isProvinceAgency, DOSSIER_CODE_EXAMPLE } from './codes.js';
export { bucketFromStatusName, bucketFromNationalCode, foldVietnamese } from './vocabulary.js';
export { maskOwnerName } from './privacy.js';
export { OnestopUnavailableError, type DossierLookupResult, type DossierStatus, type OnestopPort } from './types.js';
