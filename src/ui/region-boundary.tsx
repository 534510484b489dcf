import { Component, type ReactNode } from 'react';
import { ErrorPanel } from './error-panel.tsx';

interface Props {
  /** What the agent calls this part of the screen: "views rail". */
  name: string;
  back?: ReactNode;
  /** The boundary starts over when this changes (say, another view is opened). */
  resetKey?: unknown;
  /** Called by Try again before rendering anew (say, to ask again for code that failed). */
  onRetry?: () => void;
  children: ReactNode;
}

interface State {
  failed: boolean;
  resetKey: unknown;
}

/**
 * A crash in one region (a response that slipped past validation, a bug) replaces that
 * region with a message and a way out; the rest of Parley keeps working. React itself
 * reports the error to the console, so there is no componentDidCatch here.
 */
export class RegionBoundary extends Component<Props, State> {
  override state: State = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return Object.is(props.resetKey, state.resetKey)
      ? null
      : { failed: false, resetKey: props.resetKey };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <ErrorPanel
        title={`The ${this.props.name} could not be shown.`}
        detail="Something unexpected went wrong. The rest of Parley still works."
        back={this.props.back}
        onRetry={() => {
          this.props.onRetry?.();
          this.setState({ failed: false });
        }}
      />
    );
  }
}
