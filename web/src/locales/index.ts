// All translation resources, bundled (they are small). Add a namespace by
// creating <ns>.json in both language folders and listing it here.
import enCommon from './en/common.json';
import enAuth from './en/auth.json';
import enAdmin from './en/admin.json';
import enRecord from './en/record.json';
import enDictionary from './en/dictionary.json';
import enCustomer from './en/customer.json';
import enCustomfield from './en/customfield.json';
import enActivity from './en/activity.json';
import enCollab from './en/collab.json';
import enDedup from './en/dedup.json';
import enImporter from './en/importer.json';
import zhCommon from './zh-CN/common.json';
import zhAuth from './zh-CN/auth.json';
import zhAdmin from './zh-CN/admin.json';
import zhRecord from './zh-CN/record.json';
import zhDictionary from './zh-CN/dictionary.json';
import zhCustomer from './zh-CN/customer.json';
import zhCustomfield from './zh-CN/customfield.json';
import zhActivity from './zh-CN/activity.json';
import zhCollab from './zh-CN/collab.json';
import zhDedup from './zh-CN/dedup.json';
import zhImporter from './zh-CN/importer.json';

export const NAMESPACES = ['common', 'auth', 'admin', 'record', 'dictionary', 'customer', 'customfield', 'activity', 'collab', 'dedup', 'importer'] as const;

export const resources = {
  en: { common: enCommon, auth: enAuth, admin: enAdmin, record: enRecord, dictionary: enDictionary, customer: enCustomer, customfield: enCustomfield, activity: enActivity, collab: enCollab, dedup: enDedup, importer: enImporter },
  'zh-CN': { common: zhCommon, auth: zhAuth, admin: zhAdmin, record: zhRecord, dictionary: zhDictionary, customer: zhCustomer, customfield: zhCustomfield, activity: zhActivity, collab: zhCollab, dedup: zhDedup, importer: zhImporter },
};
