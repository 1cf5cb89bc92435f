import { Modal } from 'antd';
import type { ReactNode } from 'react';

interface Props {
  open: boolean;
  title: string;
  onClose: () => void;
  /** The form, with its own buttons (FormButtons); mounted only while open, so every opening starts blank. */
  children: ReactNode;
}

export function FormModal({ open, title, onClose, children }: Props) {
  return (
    <Modal open={open} title={title} onCancel={onClose} footer={null} destroyOnHidden mask={{ closable: false }}>
      {children}
    </Modal>
  );
}
