import { Link, useLocation } from 'react-router';
import { crashedRegion, ErrorPanel } from '../ui/error-panel.tsx';

/**
 * A route's region crashed, or its code could not be loaded (a lazy chunk over a flaky
 * network). Only a reload fetches a failed chunk again, so Try again reloads.
 */
export function RouteError({ name }: { name: string }) {
  const { search } = useLocation();
  return (
    <ErrorPanel
      {...crashedRegion(name)}
      onRetry={() => window.location.reload()}
      back={
        <Link to={{ pathname: '/', search }} className="underline">
          Back to the inbox
        </Link>
      }
    />
  );
}
