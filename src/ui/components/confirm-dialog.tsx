// A confirmation dialog (window.confirm is blocked in the product's sandboxed iframes).
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { useI18n } from '../i18n/i18n';

export function ConfirmDialog({ title, body, confirmLabel, onConfirm, onCancel, pending = false }: { title: string; body: string; confirmLabel: string; onConfirm(): void; onCancel(): void; pending?: boolean }): JSX.Element {
  const { t } = useI18n();
  return (
    <ModalTransition>
      <Modal onClose={onCancel} width="small" testId="confirm-dialog">
        <ModalHeader>
          <ModalTitle appearance="danger">{title}</ModalTitle>
        </ModalHeader>
        <ModalBody>{body}</ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button appearance="danger" onClick={onConfirm} isLoading={pending} autoFocus>
            {confirmLabel}
          </Button>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
}
