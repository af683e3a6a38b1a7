// Document templates: the sales documents (brief questionnaire texts, proposal, contract, first invoice
// wording) and the price list that admins keep, edited here as on the Sales project's settings tab.
import { useViewer } from '../../hooks/use-data';
import { SalesSettings } from '../sales/sales-settings';

export function DocumentsTab(): JSX.Element {
  const viewer = useViewer();
  return <SalesSettings isAdmin={viewer.data?.isAdmin ?? false} />;
}
