import { checkCatalogs } from '../../i18n/catalog-checks';
import en from './messages/en.json';
import kk from './messages/kk.json';
import ru from './messages/ru.json';

checkCatalogs('the administration’s messages', 'admin.', { en, ru, kk }, 120);
