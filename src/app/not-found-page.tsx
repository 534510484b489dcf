import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <main className="p-8">
      <h1 className="text-xl font-semibold">This page does not exist</h1>
      <p className="mt-2">
        <Link to="/" className="text-accent underline">
          Back to the inbox
        </Link>
      </p>
    </main>
  );
}
