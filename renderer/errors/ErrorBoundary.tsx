import { Component, type ReactNode } from 'react';

interface Props {
  /** Rendered instead of the children after a render error; `reset` mounts the children again. */
  fallback: (reset: () => void) => ReactNode;
  children: ReactNode;
}

/** Catches render errors below it. Logging happens once, in the root's error hooks (see main.tsx). */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  reset = (): void => this.setState({ failed: false });

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback(this.reset) : this.props.children;
  }
}
