// Dashboard: a welcome and quick links to what the user may open. Later
// modules add widgets here.
import { createElement } from 'react';
import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { navRegistry, visibleNav } from '../app/nav';
import { useMe } from '../app/session';
import { hasRight } from '../app/rights';
import { MyDayCard } from '../modules/activity/MyDayCard';

export default function HomePage() {
  const me = useMe();
  const { t } = useTranslation();
  const links = visibleNav(navRegistry, me.rights).filter((i) => i.key !== 'home');
  return (
    <>
      <Typography.Title level={3}>{t('home.welcome', { name: me.name })}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
      {hasRight(me.rights, 'activity:read') && <MyDayCard />}
      <Typography.Title level={5}>{t('home.quickLinks')}</Typography.Title>
      <Row gutter={[16, 16]}>
        {links.map((i) => (
          <Col key={i.key} xs={24} sm={12} lg={8} xl={6}>
            <Link to={i.path}>
              <Card hoverable size="small">
                <Card.Meta avatar={createElement(i.icon)} title={t(i.labelKey)} description={i.descriptionKey ? t(i.descriptionKey) : undefined} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
